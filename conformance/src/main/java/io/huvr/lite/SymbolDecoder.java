package io.huvr.lite;

import com.github.luben.zstd.ZstdInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The two entropy coders of entropy-coding.md: {@code RANS} (section 3, integer arithmetic on the
 * model's tables) and {@code ZSTD} (section 4, int16 symbols in Zstandard frames).
 */
final class SymbolDecoder {
    static final int RANS = 1;
    static final int ZSTD = 2;

    private static final long LOWER_BOUND = 1L << 23;
    private static final long UPPER_BOUND = 1L << 31;

    private SymbolDecoder() {
    }

    /** Neighbours select context tables after clipping to {@code [-NEIGHBOUR_CLIP, NEIGHBOUR_CLIP]} (section 1.1). */
    private static final int NEIGHBOUR_CLIP = 3;
    private static final int NEIGHBOUR_VALUES = 2 * NEIGHBOUR_CLIP + 1;
    static final int CONTEXTS_PER_CHANNEL = NEIGHBOUR_VALUES * NEIGHBOUR_VALUES;

    /**
     * The tables of one operating point: one per global channel, one per patch channel, and, for a model that codes
     * in context, {@link #CONTEXTS_PER_CHANNEL} per patch channel (null otherwise).
     */
    record Tables(CdfTable[] global, CdfTable[] patch, CdfTable[] context) {
    }

    /**
     * Decodes the {@code global + side * side * patch} symbols of one tile, global token first, each patch's
     * channels in order, the patches a {@code side x side} grid in raster order.
     */
    static int[] decode(int coder, byte[] payload, Tables tables, int side) throws LiteDecodeException {
        int count = tables.global().length + side * side * tables.patch().length;
        return switch (coder) {
            case RANS -> new Rans(payload).decode(count, tables, side);
            case ZSTD -> zstd(payload, count);
            default -> throw new LiteDecodeException("unknown entropy coder " + coder);
        };
    }

    private static int[] zstd(byte[] payload, int count) throws LiteDecodeException {
        if (payload.length == 0) {
            throw new LiteDecodeException("empty ZSTD payload");
        }
        byte[] raw = new byte[2 * count];
        int filled = 0;
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(payload))) {
            while (filled < raw.length) {
                int read = in.read(raw, filled, raw.length - filled);
                if (read < 0) {
                    throw new LiteDecodeException("ZSTD payload holds " + filled + " bytes, the tile needs " + raw.length);
                }
                filled += read;
            }
            // One byte more than 2N is enough to know the content is too long.
            if (in.read() >= 0) {
                throw new LiteDecodeException("ZSTD payload holds more than the tile's " + raw.length + " bytes");
            }
        } catch (LiteDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new LiteDecodeException("invalid ZSTD payload: " + e.getMessage(), e);
        }
        int[] symbols = new int[count];
        for (int i = 0; i < count; i++) {
            symbols[i] = (short) ((raw[2 * i] & 0xff) | raw[2 * i + 1] << 8);
        }
        return symbols;
    }

    /** The rANS decoder state over one payload. */
    private static final class Rans {
        private final byte[] bytes;
        private int position;
        private long state;

        Rans(byte[] bytes) throws LiteDecodeException {
            this.bytes = bytes;
            if (bytes.length < 4) {
                throw new LiteDecodeException("rANS payload shorter than its state");
            }
            state = (bytes[0] & 0xffL) | (bytes[1] & 0xffL) << 8 | (bytes[2] & 0xffL) << 16 | (bytes[3] & 0xffL) << 24;
            position = 4;
            if (state < LOWER_BOUND || state >= UPPER_BOUND) {
                throw new LiteDecodeException("rANS initial state out of range");
            }
        }

        int[] decode(int count, Tables tables, int side) throws LiteDecodeException {
            int[] symbols = new int[count];
            int globals = tables.global().length;
            int dim = tables.patch().length;
            for (int i = 0; i < count; i++) {
                CdfTable table;
                if (i < globals) {
                    table = tables.global()[i];
                } else if (tables.context() == null) {
                    table = tables.patch()[(i - globals) % dim];
                } else {
                    int patch = (i - globals) / dim;
                    int channel = (i - globals) % dim;
                    int left = patch % side == 0 ? 0 : symbols[i - dim];
                    int above = patch < side ? 0 : symbols[i - side * dim];
                    table = tables.context()[channel * CONTEXTS_PER_CHANNEL + clip(left) * NEIGHBOUR_VALUES + clip(above)];
                }
                int index = decodeIndex(table);
                symbols[i] = index < table.count ? table.minSymbol + index : readEscape(table);
            }
            if (state != LOWER_BOUND) {
                throw new LiteDecodeException("rANS final state mismatch");
            }
            if (position != bytes.length) {
                throw new LiteDecodeException("rANS payload has " + (bytes.length - position) + " bytes left over");
            }
            return symbols;
        }

        /** A neighbouring symbol as a context coordinate, 0 .. NEIGHBOUR_VALUES - 1. */
        private static int clip(int neighbour) {
            return Math.min(NEIGHBOUR_CLIP, Math.max(-NEIGHBOUR_CLIP, neighbour)) + NEIGHBOUR_CLIP;
        }

        private int decodeIndex(CdfTable table) throws LiteDecodeException {
            int slot = (int) (state & ((1L << table.precision) - 1));
            int k = table.indexOf(slot);
            long frequency = table.cumulative[k + 1] - table.cumulative[k];
            state = frequency * (state >>> table.precision) + slot - table.cumulative[k];
            renormalise();
            return k;
        }

        private int readBit() throws LiteDecodeException {
            int bit = (int) (state & 1);
            state >>>= 1;
            renormalise();
            return bit;
        }

        private void renormalise() throws LiteDecodeException {
            while (state < LOWER_BOUND) {
                if (position == bytes.length) {
                    throw new LiteDecodeException("rANS payload exhausted");
                }
                state = state << 8 | (bytes[position++] & 0xff);
            }
        }

        private int readEscape(CdfTable table) throws LiteDecodeException {
            int zeros = 0;
            while (readBit() == 0) {
                if (++zeros > 32) {
                    throw new LiteDecodeException("rANS escape value too large");
                }
            }
            long v = 1;
            for (int i = 0; i < zeros; i++) {
                v = 2 * v + readBit();
            }
            long e = v - 1;
            long symbol = e % 2 == 0 ? table.maxSymbol() + 1 + e / 2 : table.minSymbol - 1L - e / 2;
            if (symbol < Integer.MIN_VALUE || symbol > Integer.MAX_VALUE) {
                throw new LiteDecodeException("rANS escaped value outside int32");
            }
            return (int) symbol;
        }
    }
}
