package io.huvr.lite;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

/** Writes decoded images as RGB PNGs of 8 or 16 bits per sample. */
public final class PngFiles {
    private PngFiles() {
    }

    /** The rounded, clipped samples of a decoded image as an RGB image of the given bit depth (8 or 16). */
    public static BufferedImage toImage(Rendered rendered, int bitDepth) {
        int width = rendered.width();
        int height = rendered.height();
        BufferedImage image;
        if (bitDepth == 16) {
            ComponentColorModel colors = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
                    false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
            image = new BufferedImage(colors, colors.createCompatibleWritableRaster(width, height), false, null);
        } else if (bitDepth == 8) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        } else {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    float v = rendered.value(x, y, c);
                    raster.setSample(x, y, c, bitDepth == 16 ? Rendered.toSample16(v) : Rendered.toSample8(v));
                }
            }
        }
        return image;
    }

    public static void write(Rendered rendered, int bitDepth, Path file) throws IOException {
        if (!ImageIO.write(toImage(rendered, bitDepth), "png", file.toFile())) {
            throw new IOException("no PNG writer for a " + bitDepth + "-bit RGB image");
        }
    }
}
