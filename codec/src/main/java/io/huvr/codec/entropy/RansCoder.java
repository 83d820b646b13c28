package io.huvr.codec.entropy;

import java.util.Arrays;

/**
 * Range-ANS over {@link CdfTable}s: a 32-bit state kept in {@code [2^23, 2^31)}, renormalised a byte at a
 * time. The encoder runs over the symbols backwards so that the decoder reads the payload forwards. A value
 * outside its table's range is coded as the escape symbol followed by an Exp-Golomb code in equiprobable bits
 * of the same stream. The payload starts with the final encoder state; decoding must end in the initial
 * state with every byte consumed, which catches most corruption. Normative description:
 * format-spec/spec/entropy-coding.md.
 */
public final class RansCoder implements SymbolSequenceCoder {

    /** The state's lower bound L; the state always lies in {@code [L, 256 * L)}, so it fits a signed int. */
    private static final int STATE_LOWER_BOUND = 1 << 23;
    private static final int STATE_BYTES = 4;
    /** Zeros in the longest Exp-Golomb prefix: escape codes of int32 values are below 2^33 - 1. */
    private static final int MAX_ESCAPE_PREFIX_ZEROS = 32;

    @Override
    public byte[] encode(int[] symbols, TableSelector tables) {
        Encoder encoder = new Encoder(symbols.length);
        for (int position = symbols.length - 1; position >= 0; position--) {
            CdfTable table = tables.tableAt(position, symbols);
            int symbol = symbols[position];
            int index = table.indexOf(symbol);
            if (index == table.escapeIndex()) {
                encoder.putEscapeCode(escapeCode(symbol, table));
            }
            encoder.put(table.start(index), table.frequency(index), table.precisionBits());
        }
        return encoder.finish();
    }

    /** @throws IllegalArgumentException if {@code count} is negative */
    @Override
    public int[] decode(byte[] payload, int count, TableSelector tables) throws EntropyCodingException {
        if (count < 0) {
            throw new IllegalArgumentException("negative symbol count " + count);
        }
        Decoder decoder = new Decoder(payload);
        int[] symbols = new int[count];
        for (int position = 0; position < count; position++) {
            CdfTable table = tables.tableAt(position, symbols);
            int index = decoder.take(table);
            symbols[position] = index == table.escapeIndex()
                    ? escapedSymbol(decoder.takeEscapeCode(), table)
                    : table.minSymbol() + index;
        }
        decoder.checkEnd();
        return symbols;
    }

    /** Folds the distance outside the range and the side into one non-negative code: even above, odd below. */
    private static long escapeCode(int symbol, CdfTable table) {
        return symbol > table.maxSymbol()
                ? 2 * ((long) symbol - table.maxSymbol() - 1)
                : 2 * ((long) table.minSymbol() - symbol - 1) + 1;
    }

    private static int escapedSymbol(long code, CdfTable table) throws EntropyCodingException {
        long distance = code >>> 1;
        long symbol = (code & 1) == 0 ? table.maxSymbol() + 1L + distance : table.minSymbol() - 1L - distance;
        if (symbol != (int) symbol) {
            throw new EntropyCodingException("escaped value " + symbol + " is outside int32");
        }
        return (int) symbol;
    }

    /** Writes bytes from the end of a growing buffer towards its front, since encoding runs backwards. */
    private static final class Encoder {
        private byte[] buffer;
        private int head;
        private int state = STATE_LOWER_BOUND;

        Encoder(int symbolCount) {
            buffer = new byte[Math.max(64, symbolCount / 2)];
            head = buffer.length;
        }

        void put(int start, int frequency, int precisionBits) {
            // Emitting below this bound keeps the new state under 2^31 and lets the decoder renormalise back.
            int stateLimit = ((STATE_LOWER_BOUND >>> precisionBits) << 8) * frequency;
            while (state >= stateLimit) {
                emit((byte) state);
                state >>>= 8;
            }
            state = ((state / frequency) << precisionBits) + state % frequency + start;
        }

        /** Exp-Golomb order 0 of {@code code}: the decoder reads z zeros, then the z + 1 bits of code + 1. */
        void putEscapeCode(long code) {
            long value = code + 1;
            int valueBits = Long.SIZE - Long.numberOfLeadingZeros(value);
            for (int bit = 0; bit < valueBits; bit++) {
                putBit((int) (value >>> bit) & 1);
            }
            for (int zero = 1; zero < valueBits; zero++) {
                putBit(0);
            }
        }

        private void putBit(int bit) {
            put(bit, 1, 1);
        }

        private void emit(byte b) {
            if (head == 0) {
                byte[] bigger = new byte[buffer.length * 2];
                System.arraycopy(buffer, 0, bigger, buffer.length, buffer.length);
                head = buffer.length;
                buffer = bigger;
            }
            buffer[--head] = b;
        }

        /** The payload: the final state, least significant byte first, then the emitted bytes. */
        byte[] finish() {
            for (int shift = 24; shift >= 0; shift -= 8) {
                emit((byte) (state >>> shift));
            }
            return Arrays.copyOfRange(buffer, head, buffer.length);
        }
    }

    /** Reads the payload forwards; every read is bounds-checked, so any input ends in bounded time. */
    private static final class Decoder {
        private final byte[] payload;
        private int position;
        private int state;

        Decoder(byte[] payload) throws EntropyCodingException {
            if (payload.length < STATE_BYTES) {
                throw new EntropyCodingException("rANS payload of " + payload.length
                        + " bytes is shorter than its 4-byte state");
            }
            this.payload = payload;
            for (int b = STATE_BYTES - 1; b >= 0; b--) {
                state = state << 8 | payload[b] & 0xff;
            }
            position = STATE_BYTES;
            if (state < STATE_LOWER_BOUND) {
                throw new EntropyCodingException("initial rANS state " + Integer.toUnsignedString(state)
                        + " is outside [2^23, 2^31)");
            }
        }

        /** Decodes one symbol of {@code table} and returns its index. */
        int take(CdfTable table) throws EntropyCodingException {
            int precisionBits = table.precisionBits();
            int slot = state & ((1 << precisionBits) - 1);
            int index = table.indexAtSlot(slot);
            state = table.frequency(index) * (state >>> precisionBits) + slot - table.start(index);
            renormalise();
            return index;
        }

        long takeEscapeCode() throws EntropyCodingException {
            int zeros = 0;
            while (takeBit() == 0) {
                if (++zeros > MAX_ESCAPE_PREFIX_ZEROS) {
                    throw new EntropyCodingException("escape value too large: Exp-Golomb prefix over "
                            + MAX_ESCAPE_PREFIX_ZEROS + " zeros");
                }
            }
            long value = 1;
            for (int bit = 0; bit < zeros; bit++) {
                value = value << 1 | takeBit();
            }
            return value - 1;
        }

        /** An equiprobable bit: a symbol of precision 1 with frequency 1. */
        private int takeBit() throws EntropyCodingException {
            int bit = state & 1;
            state >>>= 1;
            renormalise();
            return bit;
        }

        private void renormalise() throws EntropyCodingException {
            while (state < STATE_LOWER_BOUND) {
                if (position == payload.length) {
                    throw new EntropyCodingException("rANS payload exhausted after " + payload.length + " bytes");
                }
                state = state << 8 | payload[position++] & 0xff;
            }
        }

        void checkEnd() throws EntropyCodingException {
            if (state != STATE_LOWER_BOUND) {
                throw new EntropyCodingException("final rANS state " + state + " differs from the initial 2^23");
            }
            if (position != payload.length) {
                throw new EntropyCodingException((payload.length - position)
                        + " bytes left over after the last symbol");
            }
        }
    }
}
