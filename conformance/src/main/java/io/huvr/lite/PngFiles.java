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

/**
 * Writes decoded images as PNGs of 8 or 16 bits per sample in their colour model: RGB, grey, RGB plus alpha or
 * grey plus alpha. Grey is the luma of the rounded RGB samples (MODEL.md), so a 16-bit grey reference holds that
 * exact 8-bit value times 257, as 16-bit alpha holds the 8-bit alpha times 257; only RGB keeps the values before
 * rounding.
 */
public final class PngFiles {
    private PngFiles() {
    }

    /** The rounded, clipped samples of a decoded image at the given bit depth (8 or 16). */
    public static BufferedImage toImage(Rendered rendered, int bitDepth) {
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
        int width = rendered.width();
        int height = rendered.height();
        boolean hasAlpha = rendered.alpha() != null;
        ComponentColorModel colors = new ComponentColorModel(
                ColorSpace.getInstance(rendered.isGrey() ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB), hasAlpha, false,
                hasAlpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                bitDepth == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        BufferedImage image = new BufferedImage(colors, colors.createCompatibleWritableRaster(width, height), false, null);
        WritableRaster raster = image.getRaster();
        int colours = rendered.isGrey() ? 1 : 3;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (rendered.isGrey()) {
                    raster.setSample(x, y, 0, rendered.grey8(x, y) * (bitDepth == 16 ? 257 : 1));
                } else {
                    for (int c = 0; c < 3; c++) {
                        float v = rendered.value(x, y, c);
                        raster.setSample(x, y, c, bitDepth == 16 ? Rendered.toSample16(v) : Rendered.toSample8(v));
                    }
                }
                if (hasAlpha) {
                    raster.setSample(x, y, colours, rendered.alpha(x, y) * (bitDepth == 16 ? 257 : 1));
                }
            }
        }
        return image;
    }

    public static void write(Rendered rendered, int bitDepth, Path file) throws IOException {
        if (!ImageIO.write(toImage(rendered, bitDepth), "png", file.toFile())) {
            throw new IOException("no PNG writer for a " + bitDepth + "-bit " + rendered.colorModel() + " image");
        }
    }
}
