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
 * An image as the codec sees it: the colour model it is stored in, the 8-bit pixels the network codes (grey
 * repeated in R, G and B), for images with alpha the 8-bit alpha plane kept losslessly beside them, and the ICC
 * profile of the samples when they are not sRGB ({@link IccProfiles#carried}).
 *
 * <p>Grey samples are taken from the raster as they are stored (PNG and JPEG grey is gamma-encoded like sRGB),
 * not through Java's linear grey colour space, which would brighten them. 16-bit samples keep their top
 * 8 bits' worth of precision: {@code round(v * 255 / 65535)}.
 *
 * @param rgb   packed {@code 0xRRGGBB} pixels, row-major, alpha bits zero
 * @param alpha      one alpha sample per pixel, row-major, or null when the colour model has no alpha
 * @param iccProfile the ICC profile the samples are in, empty for sRGB
 */
public record ImagePlanes(int width, int height, ColorModel colorModel, int[] rgb, byte[] alpha, byte[] iccProfile) {
    public ImagePlanes {
        if (rgb.length != width * height || hasAlpha(colorModel) != (alpha != null)
                || (alpha != null && alpha.length != rgb.length)) {
            throw new IllegalArgumentException("planes do not match a " + width + "x" + height + " " + colorModel
                    + " image");
        }
    }

    /**
     * The planes of any image ImageIO decodes: grey, grey with alpha, palette, RGB(A), 16-bit, other colour
     * spaces. Samples in a carried ICC profile are taken as they are; other colour spaces are converted to sRGB.
     */
    public static ImagePlanes of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        java.awt.image.ColorModel model = image.getColorModel();
        boolean hasAlpha = model.hasAlpha();
        byte[] profile = IccProfiles.carried(model.getColorSpace());
        int[] rgb = new int[width * height];
        byte[] alpha = hasAlpha ? new byte[rgb.length] : null;
        if (hasGreySamples(model) || profile.length > 0) {
            Raster raster = image.getRaster();
            int colours = model.getNumColorComponents();
            int[] row = new int[width];
            for (int band = 0; band < model.getNumComponents(); band++) {
                int bits = model.getComponentSize(band);
                // a grey sample goes to all three bytes of the packed pixel, R, G and B each to its own byte
                int weight = colours == 1 ? 0x010101 : 1 << 8 * (2 - band);
                for (int y = 0; y < height; y++) {
                    raster.getSamples(0, y, width, 1, band, row);
                    for (int x = 0; x < width; x++) {
                        int v = to8Bits(row[x], bits);
                        if (band == colours) {
                            alpha[y * width + x] = (byte) v;
                        } else {
                            rgb[y * width + x] |= v * weight;
                        }
                    }
                }
            }
            ColorModel stored = colours == 1 ? (hasAlpha ? ColorModel.GREY_ALPHA : ColorModel.GREY)
                    : (hasAlpha ? ColorModel.RGBA : ColorModel.RGB);
            return new ImagePlanes(width, height, stored, rgb, alpha, profile);
        }
        image.getRGB(0, 0, width, height, rgb, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            if (hasAlpha) {
                alpha[i] = (byte) (rgb[i] >>> 24);
            }
            rgb[i] &= 0xFFFFFF;
        }
        return new ImagePlanes(width, height, hasAlpha ? ColorModel.RGBA : ColorModel.RGB, rgb, alpha, IccProfiles.NONE);
    }

    /**
     * The image in its colour model: {@code TYPE_INT_RGB}, {@code TYPE_INT_ARGB}, {@code TYPE_BYTE_GRAY}, or
     * 8-bit grey plus alpha; with an ICC profile, 8-bit samples in that profile's colour space. Grey comes from
     * the RGB pixels as BT.601 luma, {@code 0.299 R + 0.587 G + 0.114 B}.
     */
    public BufferedImage toImage() {
        ColorSpace profiled = IccProfiles.colorSpace(iccProfile, isGrey() ? ColorSpace.TYPE_GRAY : ColorSpace.TYPE_RGB);
        if (profiled != null) {
            return componentImage(profiled);
        }
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
            case GREY -> {
                BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
                fill(out.getRaster());
                return out;
            }
            case GREY_ALPHA -> {
                return componentImage(ColorSpace.getInstance(ColorSpace.CS_GRAY));
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

    private static boolean hasGreySamples(java.awt.image.ColorModel model) {
        return !(model instanceof IndexColorModel) && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && model.getNumColorComponents() == 1;
    }

    private static int to8Bits(int sample, int bits) {
        return bits == 8 ? sample : (int) ((sample * 255L + ((1L << bits) - 1) / 2) / ((1L << bits) - 1));
    }

    private static boolean hasAlpha(ColorModel colorModel) {
        return colorModel == ColorModel.RGBA || colorModel == ColorModel.GREY_ALPHA;
    }

    private boolean isGrey() {
        return colorModel == ColorModel.GREY || colorModel == ColorModel.GREY_ALPHA;
    }

    /** An 8-bit image holding the samples as they are, labelled with the given colour space. */
    private BufferedImage componentImage(ColorSpace space) {
        boolean hasAlpha = hasAlpha(colorModel);
        ComponentColorModel model = new ComponentColorModel(space, hasAlpha, false,
                hasAlpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        BufferedImage out = new BufferedImage(model, model.createCompatibleWritableRaster(width, height), false, null);
        fill(out.getRaster());
        return out;
    }

    /** Writes the planes into an 8-bit raster, band by band: luma, or R, G and B; then alpha. */
    private void fill(WritableRaster raster) {
        int colours = isGrey() ? 1 : 3;
        int[] row = new int[width];
        for (int band = 0; band < raster.getNumBands(); band++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int pixel = rgb[y * width + x];
                    row[x] = band == colours ? alpha[y * width + x] & 0xFF
                            : colours == 1 ? luma(pixel) : pixel >> 8 * (2 - band) & 0xFF;
                }
                raster.setSamples(0, y, width, 1, band, row);
            }
        }
    }
}
