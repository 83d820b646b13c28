package io.huvr.codec.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import io.huvr.format.Limits;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.SampleModel;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/** Reading image files (upright, checked for size) and converting pixels to and from the model's [-1, 1] range. */
public final class Images {
    /** Images above this many pixels are refused before their pixels are decoded (decompression bombs). */
    public static final long MAX_PIXELS = 1L << 28;
    /** How the JDK's and TwelveMonkeys' readers word a warning about a file that ends early. */
    private static final Pattern TRUNCATION_WARNING = Pattern.compile("(?i)truncat|premature end");
    /** The JDK PNG plugin's native metadata format, which holds the iCCP chunk. */
    private static final String PNG_FORMAT = "javax_imageio_png_1.0";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

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
            byte[] pngProfile;
            ImageReadParam param;
            long pixelBytes;
            try {
                pngProfile = pngIccp(in);
                reader.setInput(in, true, true);
                pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                param = samplesAsStored(reader);
                pixelBytes = bytesPerPixel(reader, param);
            } catch (IOException | RuntimeException e) {
                throw corrupt(name, e);
            }
            if (pixels <= 0 || pixels > maxPixels) {
                throw new IOException(name + " has " + pixels + " pixels; the limit is " + maxPixels);
            }
            // A size under the pixel limit can still be more than this JVM holds: refuse it here, before the
            // reader allocates it, rather than fail with OutOfMemoryError. Coding it takes as much again.
            long heap = Runtime.getRuntime().maxMemory();
            long bytes = pixels * pixelBytes;
            if (bytes > heap / 2) {
                throw new IOException(name + " needs " + (bytes >> 20) + " MiB to decode, more than half of the "
                        + (heap >> 20) + " MiB heap");
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
                image = withPngProfile(reader.read(0, param), pngProfile);
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

    /** Bytes per pixel of the image the reader will decode to (a whole byte for packed sub-byte pixels). */
    private static long bytesPerPixel(ImageReader reader, ImageReadParam param) throws IOException {
        ImageTypeSpecifier type = param.getDestinationType();
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            if (types == null || !types.hasNext()) {
                return 1;
            }
            type = types.next();
        }
        SampleModel model = type.getSampleModel(1, 1);
        return Math.max(1, (long) model.getNumDataElements() * DataBuffer.getDataTypeSize(model.getDataType()) / 8);
    }

    /**
     * Read parameters that keep the samples in their embedded ICC profile: a reader that converts them to sRGB
     * by default (TwelveMonkeys' JPEG reader) also offers them unconverted, as a later image type.
     */
    private static ImageReadParam samplesAsStored(ImageReader reader) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (types == null || !types.hasNext() || !types.next().getColorModel().getColorSpace().isCS_sRGB()) {
            return param;
        }
        while (types.hasNext()) {
            ImageTypeSpecifier type = types.next();
            if (IccProfiles.carried(type.getColorModel().getColorSpace()).length > 0) {
                param.setDestinationType(type);
                break;
            }
        }
        return param;
    }

    /**
     * The zlib-compressed profile of a PNG's iCCP chunk, or null when the stream is not a PNG or has none. The
     * chunks before the image data are walked here, the stream put back where it was: readers are given
     * {@code ignoreMetadata}, so that the JDK's PNG reader inflates no text chunk, and it then skips iCCP too.
     */
    private static byte[] pngIccp(ImageInputStream in) throws IOException {
        in.mark();
        try {
            byte[] signature = new byte[PNG_SIGNATURE.length];
            in.readFully(signature);
            if (!Arrays.equals(signature, PNG_SIGNATURE)) {
                return null;
            }
            while (true) {
                int length = in.readInt();
                String type = new String(new byte[] {in.readByte(), in.readByte(), in.readByte(), in.readByte()},
                        StandardCharsets.ISO_8859_1);
                if (length < 0 || type.equals("IDAT") || type.equals("IEND")) {
                    return null;
                }
                if (type.equals("iCCP")) {
                    if (length > 2 * Limits.MAX_ICC_PROFILE_BYTES) {
                        return null;
                    }
                    byte[] data = new byte[length];
                    in.readFully(data);
                    // profile name (Latin-1), NUL, compression method, then the compressed profile
                    int nul = 0;
                    while (nul < length && data[nul] != 0) {
                        nul++;
                    }
                    return nul + 2 <= length ? Arrays.copyOfRange(data, nul + 2, length) : null;
                }
                in.skipBytes(length + 4L);
            }
        } catch (EOFException truncated) {
            return null;
        } finally {
            in.reset();
        }
    }

    /**
     * The image labelled with the profile of its PNG iCCP chunk (the JDK's PNG reader labels its samples,
     * which are as stored, sRGB), unless that profile is unusable or sRGB in effect. A profile too large to
     * carry still labels the image, so that its samples are converted to sRGB ({@link ImagePlanes#of}).
     */
    private static BufferedImage withPngProfile(BufferedImage image, byte[] compressedProfile) {
        byte[] profile = compressedProfile == null ? null : IccProfiles.inflate(compressedProfile);
        java.awt.image.ColorModel model = image.getColorModel();
        ColorSpace space = profile == null ? null
                : IccProfiles.colorSpace(profile, model.getNumColorComponents() == 1 ? ColorSpace.TYPE_GRAY : ColorSpace.TYPE_RGB);
        if (space == null || IccProfiles.isSrgbInEffect(space)) {
            return image;
        }
        if (model instanceof IndexColorModel) {
            // a palette's entries are in the profile's space too: expand them, unconverted, to relabel them
            BufferedImage expanded = new BufferedImage(image.getWidth(), image.getHeight(),
                    model.hasAlpha() ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
            expanded.setRGB(0, 0, image.getWidth(), image.getHeight(),
                    image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()), 0, image.getWidth());
            return relabelled(expanded, space);
        }
        return relabelled(image, space);
    }

    /** The same raster (a PNG reader's component image) labelled with another colour space. */
    private static BufferedImage relabelled(BufferedImage image, ColorSpace space) {
        java.awt.image.ColorModel model = image.getColorModel();
        ComponentColorModel relabelled = new ComponentColorModel(space, model.hasAlpha(), model.isAlphaPremultiplied(),
                model.getTransparency(), model.getTransferType());
        return new BufferedImage(relabelled, image.getRaster(), model.isAlphaPremultiplied(), null);
    }

    /**
     * Writes a PNG; an image in a carried ICC profile ({@link ImagePlanes#toImage}) gets it as an iCCP chunk,
     * which the JDK's PNG writer would leave out.
     */
    public static void writePng(BufferedImage image, OutputStream stream) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(stream)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            byte[] profile = IccProfiles.carried(image.getColorModel().getColorSpace());
            if (profile.length > 0) {
                IIOMetadataNode iccp = new IIOMetadataNode("iCCP");
                iccp.setAttribute("profileName", "ICC profile");
                iccp.setAttribute("compressionMethod", "deflate");
                iccp.setUserObject(IccProfiles.deflate(profile));
                IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
                root.appendChild(iccp);
                metadata.mergeTree(PNG_FORMAT, root);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
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
