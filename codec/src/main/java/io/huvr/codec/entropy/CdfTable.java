package io.huvr.codec.entropy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * An immutable integer distribution (one channel's, or one channel's in one context): a frequency for each symbol of the range
 * {@code [minSymbol(), maxSymbol()]} plus one escape symbol (index {@code symbolCount}) that stands for every
 * value outside the range. Every frequency is at least 1 and they sum to exactly {@code 2^precisionBits}, so
 * coding with the table is bit-exact on every platform. The layout of {@link #toInts()} is normative
 * (format-spec/spec/entropy-coding.md).
 */
public final class CdfTable {

    /** The largest probability precision a table may use. */
    public static final int MAX_PRECISION_BITS = 16;

    /** Ints before the cumulative frequencies in {@link #toInts()}: precision, minimum symbol, symbol count. */
    private static final int HEADER_INTS = 3;
    /** Resolution of the slot lookup: at most 2^12 buckets keeps a table's lookup within 8 KiB of cache. */
    private static final int MAX_LOOKUP_BITS = 12;
    /**
     * Buckets per symbol, as a power of two: a small table gets a small lookup (a model holds thousands of context
     * tables of a few symbols each), still with few slots of other indices to scan past per bucket.
     */
    private static final int LOOKUP_BITS_PER_SYMBOL_BITS = 4;

    private final int precisionBits;
    private final int minSymbol;
    private final int symbolCount;
    /** {@code cumulative[k]} = sum of the frequencies of indices below k; length symbolCount + 2. */
    private final int[] cumulative;
    /** Slots per lookup bucket, as a shift: 0 when the table has as many buckets as slots, so the lookup is exact. */
    private final int bucketShift;
    /** Index of the symbol owning the first slot of each bucket; decoding scans forward from it. */
    private final char[] indexAtBucketStart;

    private CdfTable(int precisionBits, int minSymbol, int[] cumulative) {
        this.precisionBits = precisionBits;
        this.minSymbol = minSymbol;
        this.symbolCount = cumulative.length - 2;
        this.cumulative = cumulative;
        int indexBits = 32 - Integer.numberOfLeadingZeros(symbolCount);
        int lookupBits = Math.min(precisionBits, Math.min(MAX_LOOKUP_BITS, indexBits + LOOKUP_BITS_PER_SYMBOL_BITS));
        this.bucketShift = precisionBits - lookupBits;
        this.indexAtBucketStart = new char[1 << (precisionBits - bucketShift)];
        int index = 0;
        for (int bucket = 0; bucket < indexAtBucketStart.length; bucket++) {
            while (cumulative[index + 1] <= bucket << bucketShift) {
                index++;
            }
            indexAtBucketStart[bucket] = (char) index;
        }
    }

    /**
     * A table from integer frequencies.
     *
     * @param minSymbol     the symbol of {@code frequencies[0]}
     * @param frequencies   {@code frequencies[k]} for symbol {@code minSymbol + k}, and as last entry the
     *                      escape's frequency; each at least 1, summing to {@code 2^precisionBits}
     * @param precisionBits 1 to {@link #MAX_PRECISION_BITS}
     * @throws IllegalArgumentException if the frequencies do not make a valid table
     */
    public static CdfTable fromFrequencies(int minSymbol, int[] frequencies, int precisionBits) {
        if (precisionBits < 1 || precisionBits > MAX_PRECISION_BITS) {
            throw new IllegalArgumentException(precisionProblem(precisionBits));
        }
        long total = 1L << precisionBits;
        int[] cumulative = new int[frequencies.length + 1];
        long sum = 0;
        for (int k = 0; k < frequencies.length; k++) {
            if (frequencies[k] < 1) {
                throw new IllegalArgumentException("frequency " + frequencies[k] + " at index " + k + " is below 1");
            }
            sum += frequencies[k];
            if (sum > total) {
                throw new IllegalArgumentException("frequencies sum to more than 2^" + precisionBits);
            }
            cumulative[k + 1] = (int) sum;
        }
        String problem = problemWith(precisionBits, minSymbol, cumulative);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new CdfTable(precisionBits, minSymbol, cumulative);
    }

    /**
     * Integerises a probability mass function (used when exporting a model). Every entry first gets frequency
     * 1; the remaining {@code spare = 2^precisionBits - pmf.length} units are shared in proportion to the
     * probabilities by the largest-remainder rule: entry k gets {@code floor(spare * pmf[k] / S)} more, where
     * S is the sum of {@code pmf}, and the units still left go one each to the entries with the largest
     * remainders {@code spare * pmf[k] mod S}, ties to the lower index. All of it is evaluated in exact
     * rational arithmetic on the given doubles, so the result is the same everywhere.
     *
     * @param minSymbol     the symbol of {@code pmf[0]}
     * @param pmf           {@code pmf[k]} for symbol {@code minSymbol + k}, and as last entry the mass of all
     *                      values outside the range (the escape); finite, non-negative, not all zero, need
     *                      not be normalised
     * @param precisionBits 1 to {@link #MAX_PRECISION_BITS}; {@code 2^precisionBits >= pmf.length}
     * @throws IllegalArgumentException if the arguments cannot make a valid table
     */
    public static CdfTable fromProbabilities(int minSymbol, double[] pmf, int precisionBits) {
        if (precisionBits < 1 || precisionBits > MAX_PRECISION_BITS) {
            throw new IllegalArgumentException(precisionProblem(precisionBits));
        }
        int spare = (1 << precisionBits) - pmf.length;
        if (spare < 0) {
            throw new IllegalArgumentException(pmf.length + " entries do not fit in 2^" + precisionBits);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (double p : pmf) {
            if (!Double.isFinite(p) || p < 0) {
                throw new IllegalArgumentException("probability " + p + " is not finite and non-negative");
            }
            sum = sum.add(new BigDecimal(p));
        }
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("probabilities are all zero");
        }
        int[] frequencies = new int[pmf.length];
        BigDecimal[] remainders = new BigDecimal[pmf.length];
        int left = spare;
        for (int k = 0; k < pmf.length; k++) {
            BigDecimal[] quotientAndRemainder =
                    new BigDecimal(pmf[k]).multiply(BigDecimal.valueOf(spare)).divideAndRemainder(sum);
            int share = quotientAndRemainder[0].intValueExact();
            frequencies[k] = 1 + share;
            remainders[k] = quotientAndRemainder[1];
            left -= share;
        }
        IntStream.range(0, pmf.length).boxed()
                .sorted(Comparator.<Integer, BigDecimal>comparing(k -> remainders[k]).reversed()
                        .thenComparing(k -> k))
                .limit(left)
                .forEach(k -> frequencies[k]++);
        return fromFrequencies(minSymbol, frequencies, precisionBits);
    }

    /**
     * Reads a table from its flat int form, as stored in an INT32 tensor of a model file:
     * {@code [precisionBits, minSymbol, symbolCount, c_0, ..., c_{symbolCount+1}]} with {@code c_0 = 0},
     * strictly increasing, and {@code c_{symbolCount+1} = 2^precisionBits}.
     *
     * @throws EntropyCodingException if the ints are not a valid table
     */
    public static CdfTable fromInts(int[] ints) throws EntropyCodingException {
        if (ints.length < HEADER_INTS) {
            throw new EntropyCodingException("CDF table has " + ints.length + " ints, fewer than its header");
        }
        int precisionBits = ints[0];
        int minSymbol = ints[1];
        int symbolCount = ints[2];
        if (precisionBits < 1 || precisionBits > MAX_PRECISION_BITS) {
            throw new EntropyCodingException("CDF table: " + precisionProblem(precisionBits));
        }
        if ((long) symbolCount + HEADER_INTS + 2 != ints.length) {
            throw new EntropyCodingException("CDF table declares " + symbolCount + " symbols but has "
                    + ints.length + " ints");
        }
        int[] cumulative = Arrays.copyOfRange(ints, HEADER_INTS, ints.length);
        String problem = problemWith(precisionBits, minSymbol, cumulative);
        if (problem != null) {
            throw new EntropyCodingException("CDF table: " + problem);
        }
        return new CdfTable(precisionBits, minSymbol, cumulative);
    }

    /** The flat int form read by {@link #fromInts(int[])}. */
    public int[] toInts() {
        int[] ints = new int[HEADER_INTS + cumulative.length];
        ints[0] = precisionBits;
        ints[1] = minSymbol;
        ints[2] = symbolCount;
        System.arraycopy(cumulative, 0, ints, HEADER_INTS, cumulative.length);
        return ints;
    }

    /** Probabilities are frequencies divided by {@code 2^precisionBits}. */
    public int precisionBits() {
        return precisionBits;
    }

    /** The smallest symbol coded without escape. */
    public int minSymbol() {
        return minSymbol;
    }

    /** The largest symbol coded without escape. */
    public int maxSymbol() {
        return minSymbol + symbolCount - 1;
    }

    /** The frequency coding {@code symbol} uses: its own inside the range, the escape's outside. */
    public int frequencyOf(int symbol) {
        return frequency(indexOf(symbol));
    }

    /** The index coding {@code symbol}: {@code symbol - minSymbol} inside the range, the escape index outside. */
    int indexOf(int symbol) {
        long offset = (long) symbol - minSymbol;
        return offset >= 0 && offset < symbolCount ? (int) offset : symbolCount;
    }

    /** The index standing for every value outside the range. */
    int escapeIndex() {
        return symbolCount;
    }

    int start(int index) {
        return cumulative[index];
    }

    int frequency(int index) {
        return cumulative[index + 1] - cumulative[index];
    }

    /** The index whose slot range {@code [start, start + frequency)} holds {@code slot}. */
    int indexAtSlot(int slot) {
        int index = indexAtBucketStart[slot >>> bucketShift];
        while (cumulative[index + 1] <= slot) {
            index++;
        }
        return index;
    }

    private static String precisionProblem(int precisionBits) {
        return "precision " + precisionBits + " bits is outside 1.." + MAX_PRECISION_BITS;
    }

    /** Why the cumulative frequencies cannot form a table, or null if they can. */
    private static String problemWith(int precisionBits, int minSymbol, int[] cumulative) {
        int symbolCount = cumulative.length - 2;
        if (symbolCount < 1) {
            return "a table needs at least one symbol besides the escape";
        }
        if ((long) minSymbol + symbolCount - 1 > Integer.MAX_VALUE) {
            return "symbol range from " + minSymbol + " with " + symbolCount + " symbols overflows int";
        }
        if (cumulative[0] != 0) {
            return "cumulative frequency starts at " + cumulative[0] + ", not 0";
        }
        for (int k = 1; k < cumulative.length; k++) {
            if (cumulative[k] <= cumulative[k - 1]) {
                return "cumulative frequency not strictly increasing at index " + k;
            }
        }
        int total = 1 << precisionBits;
        if (cumulative[cumulative.length - 1] != total) {
            return "frequencies total " + cumulative[cumulative.length - 1] + ", not 2^" + precisionBits;
        }
        return null;
    }
}
