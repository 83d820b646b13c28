package io.huvr.codec.image;

import io.huvr.format.proto.ColorModel;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * An image as the codec sees it: the colour model it is stored in, the 8-bit sRGB pixels the network codes
 * (grey repeated in R, G and B) and, for images with alpha, the 8-bit alpha plane kept losslessly beside them.
 *
 * <p>Grey samples are taken from the raster as they are stored (PNG and JPEG grey is gamma-encoded like sRGB),
 * not through Java's linear grey colour space, which would brighten them. 16-bit samples keep their top
 * 8 bits' worth of precision: {@code round(v * 255 / 65535)}.
 *
 * @param rgb   packed {@code 0xRRGGBB} pixels, row-major, alpha bits zero
 * @param alpha one alpha sample per pixel, row-major, or null when the colour model has no alpha
 */
public record ImagePlanes(int width, int height, ColorModel colorModel, int[] rgb, byte[] alpha) {
    public ImagePlanes {
        boolean hasAlpha = colorModel == ColorModel.RGBA || colorModel == ColorModel.GREY_ALPHA;
        if (rgb.length != width * height || hasAlpha != (alpha != null)
                || (alpha != null && alpha.length != rgb.length)) {
            throw new IllegalArgumentException("planes do not match a " + width + "x" + height + " " + colorModel
                    + " image");
        }
    }

    /** The planes of any image ImageIO decodes: grey, grey with alpha, palette, RGB(A), 16-bit, other colour spaces. */
    public static ImagePlanes of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        java.awt.image.ColorModel model = image.getColorModel();
        boolean hasAlpha = model.hasAlpha();
        int[] rgb = new int[width * height];
        byte[] alpha = hasAlpha ? new byte[rgb.length] : null;
        if (isGrey(model)) {
            Raster raster = image.getRaster();
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    int v = to8Bits(row[x], model.getComponentSize(0));
                    rgb[y * width + x] = v << 16 | v << 8 | v;
                }
                if (hasAlpha) {
                    raster.getSamples(0, y, width, 1, 1, row);
                    for (int x = 0; x < width; x++) {
                        alpha[y * width + x] = (byte) to8Bits(row[x], model.getComponentSize(1));
                    }
                }
            }
            return new ImagePlanes(width, height, hasAlpha ? ColorModel.GREY_ALPHA : ColorModel.GREY, rgb, alpha);
        }
        image.getRGB(0, 0, width, height, rgb, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            if (hasAlpha) {
                alpha[i] = (byte) (rgb[i] >>> 24);
            }
            rgb[i] &= 0xFFFFFF;
        }
        return new ImagePlanes(width, height, hasAlpha ? ColorModel.RGBA : ColorModel.RGB, rgb, alpha);
    }

    /**
     * The image in its colour model: {@code TYPE_INT_RGB}, {@code TYPE_INT_ARGB}, {@code TYPE_BYTE_GRAY}, or
     * 8-bit grey plus alpha. Grey comes from the RGB pixels as BT.601 luma, {@code 0.299 R + 0.587 G + 0.114 B}.
     */
    public BufferedImage toImage() {
        switch (colorModel) {
            case RGB -> {
                BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                out.setRGB(0, 0, width, height, rgb, 0, width);
                return out;
            }
            case RGBA -> {
                int[] argb = new int[rgb.length];
                for (int i = 0; i < argb.length; i++) {
                    argb[i] = (alpha[i] & 0xFF) << 24 | (rgb[i] & 0xFFFFFF);
                }
                BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
                out.setRGB(0, 0, width, height, argb, 0, width);
                return out;
            }
            case GREY, GREY_ALPHA -> {
                boolean hasAlpha = colorModel == ColorModel.GREY_ALPHA;
                BufferedImage out = hasAlpha ? greyAlphaImage(width, height)
                        : new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
                WritableRaster raster = out.getRaster();
                for (int i = 0; i < rgb.length; i++) {
                    raster.setSample(i % width, i / width, 0, luma(rgb[i]));
                    if (hasAlpha) {
                        raster.setSample(i % width, i / width, 1, alpha[i] & 0xFF);
                    }
                }
                return out;
            }
            default -> throw new IllegalStateException("no image type for colour model " + colorModel);
        }
    }

    /** BT.601 luma of a packed RGB pixel, rounded. */
    public static int luma(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        return (int) Math.floor(0.299 * r + 0.587 * g + 0.114 * b + 0.5);
    }

    private static boolean isGrey(java.awt.image.ColorModel model) {
        return !(model instanceof IndexColorModel) && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && model.getNumColorComponents() == 1;
    }

    private static int to8Bits(int sample, int bits) {
        return bits == 8 ? sample : (int) ((sample * 255L + ((1L << bits) - 1) / 2) / ((1L << bits) - 1));
    }

    private static BufferedImage greyAlphaImage(int width, int height) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, model.createCompatibleWritableRaster(width, height), false, null);
    }
}
