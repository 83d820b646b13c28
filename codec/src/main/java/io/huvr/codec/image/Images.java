package io.huvr.codec.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/** Reading images into 8-bit sRGB and converting them to and from the model's [-1, 1] planes. */
public final class Images {
    /** Images above this many pixels are refused before their pixels are decoded (decompression bombs). */
    public static final long MAX_PIXELS = 1L << 28;

    private Images() {
    }

    /**
     * Reads an image file as 8-bit RGB. The size is checked from the file's header before any pixel
     * is decoded, so an enormous image costs no memory.
     *
     * @throws IOException with a one-line message when the file is unreadable, not an image, or too large
     */
    public static BufferedImage readRgb(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a readable file: " + file);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return readRgb(in, file.toString());
        }
    }

    /** Reads an encoded image (PNG, JPEG, BMP, GIF, ...) held in memory, with the same checks. */
    public static BufferedImage readRgb(byte[] encoded) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            return readRgb(in, "the image");
        }
    }

    private static BufferedImage readRgb(ImageInputStream in, String name) throws IOException {
        Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
        if (readers == null || !readers.hasNext()) {
            throw new IOException(name + " is not an image in a supported format");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels <= 0 || pixels > MAX_PIXELS) {
                throw new IOException(name + " has " + pixels + " pixels; the limit is " + MAX_PIXELS);
            }
            return toRgb(reader.read(0));
        } catch (RuntimeException e) {
            throw new IOException(name + " is corrupt: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /** The image redrawn as {@link BufferedImage#TYPE_INT_RGB} (alpha dropped, palettes and grey expanded). */
    public static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** A bicubic resize, used to build training scales. */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** Packed RGB pixels, row-major. */
    public static int[] pixels(BufferedImage rgb) {
        return rgb.getRGB(0, 0, rgb.getWidth(), rgb.getHeight(), null, 0, rgb.getWidth());
    }

    /** 8-bit sample to the model's range [-1, 1]. */
    public static float toModel(int sample) {
        return sample / 127.5f - 1f;
    }

    /** Model value to an 8-bit sample, rounded and clipped. */
    public static int toSample(float value) {
        int v = Math.round((value + 1f) * 127.5f);
        return v < 0 ? 0 : Math.min(255, v);
    }
}
