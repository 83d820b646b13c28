package io.huvr.format;

import io.huvr.format.HuvrFormatException.Reason;
import io.huvr.format.proto.ImageHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates {@code .huvr} files of major version 1, any minor version. Every declared size is checked
 * against {@link Limits} before it is read, and reads grow in bounded blocks, so a hostile file costs at most
 * about its own length in memory.
 */
public final class HuvrReader {

    private HuvrReader() {
    }

    /**
     * Reads a whole image, to the end of the stream.
     *
     * @throws HuvrFormatException when the bytes break a rule of SPEC.md
     * @throws IOException         when the stream itself fails
     */
    public static HuvrImage read(InputStream in) throws IOException {
        BoundedInput input = new BoundedInput(in, null);
        ContainerPrelude.Contents prelude = ContainerPrelude.IMAGE.read(input);
        ImageHeader header = parseHeader(prelude);

        input.startChecksum();
        long count = input.readU32("the chunk count");
        ChunkTable.checkCount(header, count);
        List<ChunkTable.Entry> entries = new ArrayList<>();
        for (long index = 0; index < count; index++) {
            String what = "chunk table entry " + index;
            entries.add(new ChunkTable.Entry(input.readFourcc(what), input.readU32(what), (int) input.readU32(what)));
        }
        int computed = input.checksum();
        int stored = (int) input.readU32("the chunk table CRC-32C");
        if (stored != computed) {
            throw new HuvrFormatException(Reason.CHUNK_TABLE_CRC_MISMATCH, "chunk table CRC-32C is "
                    + Checksums.hex(stored) + ", the table gives " + Checksums.hex(computed));
        }
        ChunkTable.checkEntries(header, entries);

        List<Chunk> chunks = new ArrayList<>(entries.size());
        for (int index = 0; index < entries.size(); index++) {
            ChunkTable.Entry entry = entries.get(index);
            String what = "chunk " + index + " (" + Chunk.typeName(entry.fourcc()) + ")";
            byte[] payload = input.readBytes(entry.length(), what);
            int payloadCrc = Checksums.crc32c(payload);
            if (payloadCrc != entry.crc32c()) {
                throw new HuvrFormatException(Reason.CHUNK_CRC_MISMATCH, what + " CRC-32C is "
                        + Checksums.hex(entry.crc32c()) + ", the payload gives " + Checksums.hex(payloadCrc));
            }
            if (entry.fourcc() == Chunk.FILT) {
                ReconstructionFilters.parse(payload);
            }
            chunks.add(new Chunk(entry.fourcc(), payload));
        }
        input.expectEnd();
        return new HuvrImage(header, chunks, prelude.minorVersion());
    }

    /** Reads a whole image held in memory. */
    public static HuvrImage read(byte[] file) throws HuvrFormatException {
        return InMemory.run(() -> read(new ByteArrayInputStream(file)));
    }

    /**
     * Reads and validates only the prelude and header, leaving the stream at the chunk table: enough to learn
     * the dimensions and the model an image needs.
     */
    public static ImageHeader readHeader(InputStream in) throws IOException {
        return parseHeader(ContainerPrelude.IMAGE.read(new BoundedInput(in, null)));
    }

    private static ImageHeader parseHeader(ContainerPrelude.Contents prelude) throws HuvrFormatException {
        ImageHeader header = ContainerPrelude.IMAGE.parse(ImageHeader.parser(), prelude.headerBytes());
        HeaderValidator.validate(header);
        return header;
    }
}
