package io.huvr.codec.entropy;

/**
 * Codes a sequence of integer symbols as one payload. Implementations are stateless and thread-safe; the
 * payload does not record the symbol count, the caller knows it from the token layout.
 */
public interface SymbolSequenceCoder {

    /**
     * Codes {@code symbols}, the symbol at position i with {@code tables.tableAt(i, symbols)}.
     *
     * @throws IllegalArgumentException if a symbol cannot be represented by this coder
     */
    byte[] encode(int[] symbols, TableSelector tables);

    /**
     * Decodes exactly {@code count} symbols, the one at position i with {@code tables.tableAt(i, symbols)}. The work and
     * memory are bounded by {@code count} and the payload size whatever the payload holds.
     *
     * @throws EntropyCodingException   if the payload is corrupt, truncated, or holds more than the symbols
     * @throws IllegalArgumentException if {@code count} is negative
     */
    int[] decode(byte[] payload, int count, TableSelector tables) throws EntropyCodingException;
}
