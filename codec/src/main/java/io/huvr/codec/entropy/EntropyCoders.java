package io.huvr.codec.entropy;

import io.huvr.format.proto.EntropyCoder;

/** The coders behind the ids of the image header's {@code EntropyCoder} enum. */
public final class EntropyCoders {

    private static final SymbolSequenceCoder RANS = new RansCoder();
    private static final SymbolSequenceCoder ZSTD = new ZstdCoder();

    private EntropyCoders() {
    }

    /**
     * The coder for an {@code EntropyCoder} id read from a header.
     *
     * @throws EntropyCodingException if the id names no coder
     */
    public static SymbolSequenceCoder forId(int id) throws EntropyCodingException {
        return switch (id) {
            case EntropyCoder.RANS_VALUE -> RANS;
            case EntropyCoder.ZSTD_VALUE -> ZSTD;
            default -> throw new EntropyCodingException("unknown entropy coder id " + id);
        };
    }
}
