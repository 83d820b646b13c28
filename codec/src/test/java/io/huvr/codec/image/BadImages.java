package io.huvr.codec.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Hostile image files for the input tests: well-formed headers of each format claiming an enormous size
 * (decompression bombs), followed by a few bytes of pixel data, or real files whose header is made to claim one.
 */
public final class BadImages {
    private BadImages() {
    }

    /** An 8-bit RGB PNG whose IHDR (with a correct CRC) claims {@code width x height}. */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0}).array());
        // zlib stream of three zero bytes: the first row's filter byte and two samples
        pngChunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x63, 0x60, 0x60, 0x00, 0x00, 0x00, 0x03, 0x00, 0x01});
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A GIF whose screen and only image claim {@code width x height} (at most 65535 each). */
    public static byte[] gifClaiming(int width, int height) {
        ByteBuffer gif = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height)
                .put(new byte[] {0, 0, 0});
        gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
                .put((byte) 0);
        gif.put(new byte[] {2, 2, 0x4C, 0x01, 0, 0x3B});
        return Arrays.copyOf(gif.array(), gif.position());
    }

    /** A little-endian, uncompressed 8-bit grey TIFF claiming {@code width x height}, one strip of 16 bytes. */
    public static byte[] tiffClaiming(int width, int height) {
        int entries = 9;
        int dataOffset = 8 + 2 + entries * 12 + 4;
        ByteBuffer tiff = ByteBuffer.allocate(dataOffset + 16).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) entries);
        tiffEntry(tiff, 256, 4, width);          // ImageWidth, LONG
        tiffEntry(tiff, 257, 4, height);         // ImageLength
        tiffEntry(tiff, 258, 3, 8);              // BitsPerSample, SHORT
        tiffEntry(tiff, 259, 3, 1);              // Compression: none
        tiffEntry(tiff, 262, 3, 1);              // PhotometricInterpretation: black is zero
        tiffEntry(tiff, 273, 4, dataOffset);     // StripOffsets
        tiffEntry(tiff, 277, 3, 1);              // SamplesPerPixel
        tiffEntry(tiff, 278, 4, height);         // RowsPerStrip
        tiffEntry(tiff, 279, 4, 16);             // StripByteCounts
        tiff.putInt(0);
        return tiff.array();
    }

    /** A 24-bit uncompressed BMP claiming {@code width x height}, with 16 bytes of pixels. */
    public static byte[] bmpClaiming(int width, int height) {
        ByteBuffer bmp = ByteBuffer.allocate(54 + 16).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put(new byte[] {'B', 'M'}).putInt(54 + 16).putInt(0).putInt(54);
        bmp.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return bmp.array();
    }

    /** A real JPEG with its frame header (SOF0 or SOF2) claiming {@code width x height} (at most 65535 each). */
    public static byte[] jpegClaiming(byte[] jpeg, int width, int height) {
        byte[] bytes = jpeg.clone();
        for (int i = 2; i + 8 < bytes.length; i++) {
            if ((bytes[i - 1] & 0xFF) == 0xFF && ((bytes[i] & 0xFF) == 0xC0 || (bytes[i] & 0xFF) == 0xC2)) {
                // marker, length (2), precision (1), height (2), width (2)
                ByteBuffer.wrap(bytes, i + 4, 4).putShort((short) height).putShort((short) width);
                return bytes;
            }
        }
        throw new IllegalArgumentException("no SOF0 or SOF2 frame header");
    }

    /** A real lossy WebP (a plain {@code VP8 } chunk) whose key frame claims {@code width x height} (at most 16383). */
    public static byte[] webpClaiming(byte[] webp, int width, int height) {
        if (!"VP8 ".equals(new String(webp, 12, 4, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("not a simple lossy WebP");
        }
        byte[] bytes = webp.clone();
        // RIFF header (12), chunk header (8), frame tag (3), start code (3), then 14-bit width and height
        ByteBuffer.wrap(bytes, 26, 4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) width).putShort((short) height);
        return bytes;
    }

    private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void tiffEntry(ByteBuffer tiff, int tag, int type, int value) {
        tiff.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            tiff.putShort((short) value).putShort((short) 0);
        } else {
            tiff.putInt(value);
        }
    }
}
