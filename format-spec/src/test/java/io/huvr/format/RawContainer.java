package io.huvr.format;

import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.ModelHeader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Assembles files byte by byte from SPEC.md, with correct checksums but no validation: the test oracle for the
 * layout (independent of the library's writer) and the tool for crafting invalid files.
 */
final class RawContainer {

    static final int IMAGE_PRELUDE_BYTES = 12;
    static final int MODEL_PRELUDE_BYTES = 16;

    private RawContainer() {
    }

    static byte[] image(ImageHeader header, List<Chunk> chunks) {
        return image(1, 0, 0, header.toByteArray(), chunks);
    }

    static byte[] image(int major, int minor, int flags, byte[] header, List<Chunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prelude("HUVR", major, minor, flags, header));
        ByteBuffer table = ByteBuffer.allocate(8 + 12 * chunks.size()).order(ByteOrder.LITTLE_ENDIAN);
        table.putInt(chunks.size());
        for (Chunk chunk : chunks) {
            table.put(fourccBytes(chunk.fourcc())).putInt(chunk.payload().length).putInt(crc32c(chunk.payload(), 0, chunk.payload().length));
        }
        table.putInt(crc32c(table.array(), 0, table.position()));
        out.writeBytes(table.array());
        chunks.forEach(chunk -> out.writeBytes(chunk.payload()));
        return out.toByteArray();
    }

    static byte[] model(ModelHeader header, List<byte[]> tensorData) {
        return model(1, 0, 0, header.toByteArray(), tensorData);
    }

    static byte[] model(int major, int minor, int flags, byte[] header, List<byte[]> tensorData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prelude("HUVRMODL", major, minor, flags, header));
        tensorData.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Offset of the chunk count in a file whose header length field is intact. */
    static int chunkTableOffset(byte[] file) {
        return (int) (IMAGE_PRELUDE_BYTES + u32(file, 8) + 4);
    }

    /** Offset of the length field of chunk {@code index}'s table entry. */
    static int chunkLengthOffset(byte[] file, int index) {
        return chunkTableOffset(file) + 4 + 12 * index + 4;
    }

    /**
     * Recomputes every checksum of an image file whose structure can still be followed, leaving the rest as it
     * is, so that mutations reach the rules behind the checksums.
     */
    static void fixImageChecksums(byte[] file) {
        if (file.length < IMAGE_PRELUDE_BYTES) {
            return;
        }
        long headerEnd = IMAGE_PRELUDE_BYTES + u32(file, 8);
        if (headerEnd + 4 > file.length) {
            return;
        }
        putU32(file, (int) headerEnd, crc32c(file, 0, (int) headerEnd));
        int table = (int) headerEnd + 4;
        if (table + 4 > file.length) {
            return;
        }
        long count = u32(file, table);
        long tableEnd = table + 4 + 12 * count;
        if (tableEnd + 4 > file.length) {
            return;
        }
        long payload = tableEnd + 4;
        for (int index = 0; index < count; index++) {
            long length = u32(file, table + 4 + 12 * index + 4);
            if (payload + length <= file.length) {
                putU32(file, table + 4 + 12 * index + 8, crc32c(file, (int) payload, (int) length));
            }
            payload += length;
        }
        putU32(file, (int) tableEnd, crc32c(file, table, (int) (tableEnd - table)));
    }

    /** Recomputes the header CRC-32C of a model file whose header length field can still be followed. */
    static void fixModelHeaderChecksum(byte[] file) {
        if (file.length < MODEL_PRELUDE_BYTES) {
            return;
        }
        long headerEnd = MODEL_PRELUDE_BYTES + u32(file, 12);
        if (headerEnd + 4 <= file.length) {
            putU32(file, (int) headerEnd, crc32c(file, 0, (int) headerEnd));
        }
    }

    static long u32(byte[] bytes, int offset) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(bytes, offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    static void putU32(byte[] bytes, int offset, long value) {
        ByteBuffer.wrap(bytes, offset, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value);
    }

    private static byte[] prelude(String magic, int major, int minor, int flags, byte[] header) {
        byte[] magicBytes = magic.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer prelude = ByteBuffer.allocate(magicBytes.length + 8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        prelude.put(magicBytes).put((byte) major).put((byte) minor).putShort((short) flags).putInt(header.length).put(header);
        prelude.putInt(crc32c(prelude.array(), 0, prelude.position()));
        return prelude.array();
    }

    private static byte[] fourccBytes(int fourcc) {
        return ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(fourcc).array();
    }

    private static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
