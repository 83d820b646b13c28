package io.huvr.format;

import io.huvr.format.HuvrFormatException.Reason;
import io.huvr.format.proto.AlphaCoding;
import io.huvr.format.proto.ImageHeader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The chunk-table rules of SPEC.md, section "Chunk rules", shared by {@link HuvrReader} (before it reads any
 * payload) and {@link HuvrWriter} (before it writes anything).
 */
final class ChunkTable {

    /** One row of the chunk table. */
    record Entry(int fourcc, long length, int crc32c) {
    }

    /** The known types other than {@code TILE}, each allowed at most once. */
    private static final Set<Integer> SINGLETONS = Set.of(Chunk.ALPH, Chunk.EXIF, Chunk.XMP, Chunk.FILT);

    private ChunkTable() {
    }

    static void checkCount(ImageHeader header, long count) throws HuvrFormatException {
        long allowed = (long) HeaderValidator.tileCount(header) + Limits.MAX_NON_TILE_CHUNKS;
        if (count > allowed) {
            throw new HuvrFormatException(Reason.TOO_MANY_CHUNKS, count + " chunks, this image allows at most " + allowed
                    + " (its tiles plus " + Limits.MAX_NON_TILE_CHUNKS + ")");
        }
    }

    static void checkEntries(ImageHeader header, List<Entry> entries) throws HuvrFormatException {
        long total = 0;
        int tiles = 0;
        boolean nonTileSeen = false;
        Set<Integer> singletonsSeen = new HashSet<>();
        for (int index = 0; index < entries.size(); index++) {
            Entry entry = entries.get(index);
            String where = "chunk " + index + " (" + Chunk.typeName(entry.fourcc()) + ")";
            if (entry.length() > Limits.MAX_CHUNK_BYTES) {
                throw new HuvrFormatException(Reason.CHUNK_TOO_LARGE,
                        where + " declares " + entry.length() + " bytes, the limit is " + Limits.MAX_CHUNK_BYTES);
            }
            total += entry.length();
            if (total > Limits.MAX_TOTAL_CHUNK_BYTES) {
                throw new HuvrFormatException(Reason.TOTAL_SIZE_TOO_LARGE, "chunks up to " + where + " declare "
                        + total + " bytes, the limit is " + Limits.MAX_TOTAL_CHUNK_BYTES);
            }
            if (!Chunk.isWellFormed(entry.fourcc())) {
                throw new HuvrFormatException(Reason.INVALID_CHUNK_TYPE,
                        where + " type is not four printable ASCII bytes starting with a letter");
            }
            if (entry.fourcc() == Chunk.TILE) {
                if (nonTileSeen) {
                    throw new HuvrFormatException(Reason.CHUNK_ORDER, where + " follows a chunk of another type");
                }
                tiles++;
                continue;
            }
            nonTileSeen = true;
            if (entry.fourcc() == Chunk.ALPH && header.getAlphaCoding() == AlphaCoding.ALPHA_NONE) {
                throw new HuvrFormatException(Reason.UNEXPECTED_ALPHA, where + " but the header's alpha coding is ALPHA_NONE");
            }
            if (SINGLETONS.contains(entry.fourcc())) {
                if (!singletonsSeen.add(entry.fourcc())) {
                    throw new HuvrFormatException(Reason.DUPLICATE_CHUNK, where + " appears a second time");
                }
            } else if (Chunk.isCritical(entry.fourcc())) {
                throw new HuvrFormatException(Reason.UNKNOWN_CRITICAL_CHUNK,
                        where + " is an unknown critical chunk (its first letter is uppercase)");
            }
        }
        if (tiles != HeaderValidator.tileCount(header)) {
            throw new HuvrFormatException(Reason.TILE_COUNT_MISMATCH,
                    tiles + " TILE chunks, the layout has " + HeaderValidator.tileCount(header) + " tiles");
        }
        if (header.getAlphaCoding() != AlphaCoding.ALPHA_NONE && !singletonsSeen.contains(Chunk.ALPH)) {
            throw new HuvrFormatException(Reason.MISSING_ALPHA, "no ALPH chunk but the header's alpha coding is "
                    + header.getAlphaCoding());
        }
    }
}
