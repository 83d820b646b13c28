package io.huvr.codec.entropy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

/**
 * The simple baseline: symbols as little-endian int16, compressed with Zstandard. It ignores the CDF tables.
 * Decompression writes into a buffer of exactly {@code 2 * count} bytes, so a payload cannot make it
 * allocate more.
 */
public final class ZstdCoder implements SymbolSequenceCoder {

    /** The level used unless another is given: slow to encode, as fast as any to decode. */
    public static final int DEFAULT_LEVEL = 19;

    private final int level;

    public ZstdCoder() {
        this(DEFAULT_LEVEL);
    }

    /**
     * @param level a Zstandard compression level, from {@code Zstd.minCompressionLevel()} to
     *              {@code Zstd.maxCompressionLevel()}
     */
    public ZstdCoder(int level) {
        if (level < Zstd.minCompressionLevel() || level > Zstd.maxCompressionLevel()) {
            throw new IllegalArgumentException("zstd level " + level + " is outside " + Zstd.minCompressionLevel()
                    + ".." + Zstd.maxCompressionLevel());
        }
        this.level = level;
    }

    /** @throws IllegalArgumentException if a symbol is outside int16 */
    @Override
    public byte[] encode(int[] symbols, TableSelector tables) {
        byte[] raw = new byte[Math.multiplyExact(symbols.length, Short.BYTES)];
        for (int position = 0; position < symbols.length; position++) {
            int symbol = symbols[position];
            if (symbol != (short) symbol) {
                throw new IllegalArgumentException("symbol " + symbol + " at position " + position
                        + " is outside int16, which the zstd coder stores");
            }
            raw[2 * position] = (byte) symbol;
            raw[2 * position + 1] = (byte) (symbol >> 8);
        }
        return Zstd.compress(raw, level);
    }

    /** @throws IllegalArgumentException if {@code count} is negative or {@code 2 * count} overflows int */
    @Override
    public int[] decode(byte[] payload, int count, TableSelector tables) throws EntropyCodingException {
        if (count < 0 || count > Integer.MAX_VALUE / Short.BYTES) {
            throw new IllegalArgumentException("symbol count " + count + " is outside 0.."
                    + Integer.MAX_VALUE / Short.BYTES);
        }
        if (payload.length == 0) {
            throw new EntropyCodingException("zstd payload is empty, it needs at least one frame");
        }
        byte[] raw = new byte[count * Short.BYTES];
        long size;
        try {
            size = Zstd.decompressByteArray(raw, 0, raw.length, payload, 0, payload.length);
        } catch (ZstdException e) {
            throw new EntropyCodingException("zstd payload is corrupt or longer than " + raw.length
                    + " bytes: " + e.getMessage(), e);
        }
        if (size != raw.length) {
            throw new EntropyCodingException("zstd payload holds " + size + " bytes, expected " + raw.length);
        }
        int[] symbols = new int[count];
        for (int position = 0; position < count; position++) {
            symbols[position] = (short) (raw[2 * position] & 0xff | raw[2 * position + 1] << 8);
        }
        return symbols;
    }
}
