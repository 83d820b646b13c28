package io.huvr.codec.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/** Reading image files (upright, checked for size) and converting pixels to and from the model's [-1, 1] range. */
public final class Images {
    /** Images above this many pixels are refused before their pixels are decoded (decompression bombs). */
    public static final long MAX_PIXELS = 1L << 28;
    /** How the JDK's and TwelveMonkeys' readers word a warning about a file that ends early. */
    private static final Pattern TRUNCATION_WARNING = Pattern.compile("(?i)truncat|premature end");

    private Images() {
    }

    /**
     * Reads an image file as 8-bit RGB, turned upright ({@link #read(Path)}).
     *
     * @throws IOException with a one-line message when the file is unreadable, not an image, or too large
     */
    public static BufferedImage readRgb(Path file) throws IOException {
        return toRgb(read(file));
    }

    /** Reads an encoded image held in memory as 8-bit RGB, with the same checks. */
    public static BufferedImage readRgb(byte[] encoded) throws IOException {
        return toRgb(read(encoded));
    }

    /**
     * Reads an image file in the type its reader gives (grey, alpha, palette and 16-bit samples kept), turned
     * upright by its Exif orientation if it has one. The size is checked from the file's header before any
     * pixel is decoded, so an enormous image costs no memory.
     *
     * @throws IOException with a one-line message when the file is unreadable, not an image, or too large
     */
    public static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a readable file: " + file);
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            image = decode(in, file.toString(), MAX_PIXELS);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return Orientation.apply(image, exifOrientation(in));
        }
    }

    /** Reads an encoded image (PNG, JPEG, BMP, GIF, TIFF, WebP) held in memory, like {@link #read(Path)}. */
    public static BufferedImage read(byte[] encoded) throws IOException {
        return read(encoded, MAX_PIXELS);
    }

    /**
     * Like {@link #read(byte[])} with a smaller pixel limit, for callers that bound the memory one untrusted
     * image may take (an image costs up to 8 bytes per pixel while it is decoded).
     */
    public static BufferedImage read(byte[] encoded, long maxPixels) throws IOException {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            image = decode(in, "the image", Math.min(maxPixels, MAX_PIXELS));
        }
        return Orientation.apply(image, exifOrientation(new ByteArrayInputStream(encoded)));
    }

    private static BufferedImage decode(ImageInputStream in, String name, long maxPixels) throws IOException {
        Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
        if (readers == null || !readers.hasNext()) {
            throw new IOException(name + " is not an image in a supported format");
        }
        ImageReader reader = readers.next();
        try {
            long pixels;
            try {
                reader.setInput(in, true, true);
                pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw corrupt(name, e);
            }
            if (pixels <= 0 || pixels > maxPixels) {
                throw new IOException(name + " has " + pixels + " pixels; the limit is " + maxPixels);
            }
            // A reader warns, rather than fails, when a file ends early (a JPEG cut short) and fills in the
            // rest: coding that would silently store the fill, so such a warning refuses the file. Other
            // warnings (a CMYK JPEG without an ICC profile) leave a usable image.
            List<String> truncations = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> {
                if (TRUNCATION_WARNING.matcher(warning).find()) {
                    truncations.add(warning);
                }
            });
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw corrupt(name, e);
            }
            if (!truncations.isEmpty()) {
                throw new IOException(name + " is truncated: " + truncations.get(0).replaceAll("\\s+", " "));
            }
            return image;
        } finally {
            reader.dispose();
        }
    }

    /** A one-line IOException for a reader's failure, whatever its type and message. */
    private static IOException corrupt(String name, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
        return new IOException(name + " is corrupt: " + reason, e);
    }

    /**
     * The Exif orientation tag of an already decoded image file, or {@link Orientation#UPRIGHT} when it has
     * none or its metadata is unreadable: broken metadata must not cost the pixels.
     */
    static int exifOrientation(InputStream file) {
        try {
            ExifIFD0Directory exif = ImageMetadataReader.readMetadata(file).getFirstDirectoryOfType(ExifIFD0Directory.class);
            return exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)
                    ? exif.getInt(ExifIFD0Directory.TAG_ORIENTATION) : Orientation.UPRIGHT;
        } catch (ImageProcessingException | MetadataException | IOException | RuntimeException unreadable) {
            return Orientation.UPRIGHT;
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
