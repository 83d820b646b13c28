package io.huvr.format;

import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.ReconstructionFilter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code .huvr} file: its header and its chunks in file order, ancillary chunks included.
 *
 * @param minorVersion the container's minor version (the major version is always 1)
 */
public record HuvrImage(ImageHeader header, List<Chunk> chunks, int minorVersion) {

    public HuvrImage {
        Objects.requireNonNull(header, "header");
        chunks = List.copyOf(chunks);
    }

    /** An image of the version this library writes for these chunks ({@link HuvrWriter}). */
    public HuvrImage(ImageHeader header, List<Chunk> chunks) {
        this(header, chunks, ContainerPrelude.minorVersion(chunks));
    }

    /** The payloads of the {@code TILE} chunks, in raster order. */
    public List<byte[]> tiles() {
        return chunks.stream().filter(c -> c.fourcc() == Chunk.TILE).map(Chunk::payload).toList();
    }

    /**
     * The reconstruction filter of the {@code FILT} chunk, if there is one.
     *
     * @throws HuvrFormatException when its payload breaks the rules (never for an image {@link HuvrReader} read)
     */
    public Optional<ReconstructionFilter> filter() throws HuvrFormatException {
        for (Chunk chunk : chunks) {
            if (chunk.fourcc() == Chunk.FILT) {
                return Optional.of(ReconstructionFilters.parse(chunk.payload()));
            }
        }
        return Optional.empty();
    }

    /** The payload of the {@code ALPH} chunk, present iff the header's alpha_coding is not ALPHA_NONE. */
    public Optional<byte[]> alpha() {
        return chunks.stream().filter(c -> c.fourcc() == Chunk.ALPH).map(Chunk::payload).findFirst();
    }
}
