package io.huvr.format;

import io.huvr.format.proto.ImageHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code .huvr} files: version 1.1 when they hold a {@code FILT} chunk, which 1.0 lacks, else 1.0. It checks the header and the chunk list with the reader's rules
 * before writing the first byte, so it never writes a file that {@link HuvrReader} rejects.
 */
public final class HuvrWriter {
    /** What a chunk adds to a file besides its payload: its chunk-table entry (fourcc, length, CRC-32C). */
    public static final int CHUNK_ENTRY_BYTES = 12;

    private HuvrWriter() {
    }

    /**
     * Writes one image.
     *
     * @param chunks the {@code TILE} chunks in raster order, then the {@code ALPH} chunk when the header
     *               declares alpha, then any {@code FILT}, {@code EXIF}, {@code XMP } and ancillary chunks
     * @throws HuvrFormatException when the header or the chunk list breaks a rule of SPEC.md
     */
    public static void write(ImageHeader header, List<Chunk> chunks, OutputStream out) throws IOException {
        HeaderValidator.validate(header);
        List<ChunkTable.Entry> entries = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            entries.add(new ChunkTable.Entry(chunk.fourcc(), chunk.payload().length, Checksums.crc32c(chunk.payload())));
        }
        ChunkTable.checkCount(header, entries.size());
        ChunkTable.checkEntries(header, entries);
        for (Chunk chunk : chunks) {
            if (chunk.fourcc() == Chunk.FILT) {
                ReconstructionFilters.parse(chunk.payload());
            }
        }
        byte[] headerBytes = ContainerPrelude.IMAGE.serialize(header);

        ContainerPrelude.IMAGE.write(headerBytes, ContainerPrelude.minorVersion(chunks), out);
        ByteBuffer table = ByteBuffer.allocate(4 + CHUNK_ENTRY_BYTES * entries.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
        table.putInt(entries.size());
        for (ChunkTable.Entry entry : entries) {
            table.order(ByteOrder.BIG_ENDIAN).putInt(entry.fourcc()).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt((int) entry.length()).putInt(entry.crc32c());
        }
        table.putInt(Checksums.crc32c(table.array(), 0, table.position()));
        out.write(table.array());
        for (Chunk chunk : chunks) {
            out.write(chunk.payload());
        }
    }

    /** The bytes {@link #write} produces. */
    public static byte[] toBytes(ImageHeader header, List<Chunk> chunks) throws HuvrFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return InMemory.run(() -> {
            write(header, chunks, out);
            return out.toByteArray();
        });
    }
}
