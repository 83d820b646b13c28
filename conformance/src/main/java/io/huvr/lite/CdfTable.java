package io.huvr.lite;

/**
 * One integer CDF table (entropy-coding.md, section 2): precision {@code p}, minimum symbol
 * {@code m}, {@code n} in-range symbols plus the escape, cumulative frequencies {@code c[0 .. n+1]}.
 * A lookup is a binary search of the cumulative frequencies: a model may hold thousands of tables.
 */
final class CdfTable {
    final int precision;
    final int minSymbol;
    final int count;
    final int[] cumulative;

    private CdfTable(int precision, int minSymbol, int count, int[] cumulative) {
        this.precision = precision;
        this.minSymbol = minSymbol;
        this.count = count;
        this.cumulative = cumulative;
    }

    /** The index {@code k} with {@code c[k] <= slot < c[k+1]}. */
    int indexOf(int slot) {
        int low = 0;
        int high = count;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (cumulative[middle] <= slot) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /** The largest in-range symbol {@code M = m + n - 1}. */
    long maxSymbol() {
        return (long) minSymbol + count - 1;
    }

    /**
     * Splits a model tensor of concatenated stored tables ({@code [p, m, n, c_0 .. c_{n+1}]} each) into
     * {@code count} tables (one per channel, or per channel and context), checking every rule of section 2.2.
     */
    static CdfTable[] parseAll(String name, int[] ints, int count) throws LiteDecodeException {
        CdfTable[] tables = new CdfTable[count];
        int offset = 0;
        for (int i = 0; i < count; i++) {
            String what = name + "[" + i + "]";
            if (ints.length - offset < 3) {
                throw new LiteDecodeException(what + ": fewer than 3 ints left");
            }
            int p = ints[offset];
            int m = ints[offset + 1];
            int n = ints[offset + 2];
            if (p < 1 || p > 16) {
                throw new LiteDecodeException(what + ": precision " + p + " is not 1..16");
            }
            if (n < 1 || (long) n + 5 > ints.length - offset) {
                throw new LiteDecodeException(what + ": symbol count " + n + " does not fit the tensor");
            }
            if ((long) m + n - 1 > Integer.MAX_VALUE) {
                throw new LiteDecodeException(what + ": range exceeds int32");
            }
            int[] c = new int[n + 2];
            System.arraycopy(ints, offset + 3, c, 0, n + 2);
            if (c[0] != 0 || c[n + 1] != 1 << p) {
                throw new LiteDecodeException(what + ": cumulative frequencies must run from 0 to 2^" + p);
            }
            for (int k = 0; k <= n; k++) {
                if (c[k] >= c[k + 1]) {
                    throw new LiteDecodeException(what + ": frequency of index " + k + " is not positive");
                }
            }
            tables[i] = new CdfTable(p, m, n, c);
            offset += n + 5;
        }
        if (offset != ints.length) {
            throw new LiteDecodeException(name + ": " + (ints.length - offset) + " ints after the last table");
        }
        return tables;
    }
}
