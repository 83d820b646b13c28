package io.huvr.codec.entropy;

import java.util.Arrays;

/**
 * Counts the patch symbols of tiles by channel and context ({@link ContextTables}) and turns the counts into
 * context tables. Each context's estimate mixes its counts with the channel's factorized table, worth
 * {@link #PRIOR_WEIGHT} symbols, so that a context seen a few times stays close to the channel's marginal.
 */
public final class ContextStatistics {
    /** Weight of the factorized table in each context's estimate, in symbols. */
    static final double PRIOR_WEIGHT = 8;
    /**
     * Counted values per side of 0; values beyond are counted as escapes. huvr-s's patch symbols stay within a few
     * dozen of 0 at its finest operating point; the counts of 6 operating points take 58 MB.
     */
    private static final int WINDOW = 256;

    private final int globalChannels;
    private final int channels;
    private final int patchesPerSide;
    /** {@code counts[table][value + WINDOW]}, tables in {@link ContextTables#index} order. */
    private final long[][] counts;
    private final long[] beyondWindow;
    private final int[] minSeen;
    private final int[] maxSeen;

    /**
     * Statistics of tiles laid out as {@link TableSelector#forTile(CdfTable[], ContextTables, int)} reads them.
     */
    public ContextStatistics(int globalChannels, int channels, int patchesPerSide) {
        this.globalChannels = globalChannels;
        this.channels = channels;
        this.patchesPerSide = patchesPerSide;
        this.counts = new long[channels * ContextTables.CONTEXTS][2 * WINDOW + 1];
        this.beyondWindow = new long[counts.length];
        this.minSeen = new int[channels];
        this.maxSeen = new int[channels];
        Arrays.fill(minSeen, Integer.MAX_VALUE);
        Arrays.fill(maxSeen, Integer.MIN_VALUE);
    }

    /** Counts the patch symbols of one tile's symbol sequence (global token first). */
    public void add(int[] tileSymbols) {
        for (int position = globalChannels; position < tileSymbols.length; position++) {
            int table = ContextTables.indexAt(tileSymbols, position, globalChannels, channels, patchesPerSide);
            int value = tileSymbols[position];
            if (Math.abs((long) value) > WINDOW) {
                beyondWindow[table]++;
                continue;
            }
            counts[table][value + WINDOW]++;
            int channel = (position - globalChannels) % channels;
            minSeen[channel] = Math.min(minSeen[channel], value);
            maxSeen[channel] = Math.max(maxSeen[channel], value);
        }
    }

    /**
     * The context tables: channel {@code c}'s cover the values seen in it plus one on each side, and give each
     * value the mix of its count and {@link #PRIOR_WEIGHT} times its probability under {@code marginal[c]}.
     *
     * @param marginal the factorized patch table of each channel
     */
    public ContextTables tables(CdfTable[] marginal, int precisionBits) {
        if (marginal.length != channels) {
            throw new IllegalArgumentException(marginal.length + " marginal tables for " + channels + " channels");
        }
        CdfTable[] tables = new CdfTable[counts.length];
        for (int c = 0; c < channels; c++) {
            boolean seen = minSeen[c] <= maxSeen[c];
            int low = seen ? Math.max(-WINDOW, minSeen[c] - 1) : marginal[c].minSymbol();
            int high = seen ? Math.min(WINDOW, maxSeen[c] + 1) : marginal[c].maxSymbol();
            double[] prior = new double[high - low + 2];
            double inRange = 0;
            for (int v = low; v <= high; v++) {
                boolean covered = v >= marginal[c].minSymbol() && v <= marginal[c].maxSymbol();
                prior[v - low] = covered ? (double) marginal[c].frequencyOf(v) / (1 << marginal[c].precisionBits()) : 0;
                inRange += prior[v - low];
            }
            prior[prior.length - 1] = Math.max(0, 1 - inRange);
            for (int context = 0; context < ContextTables.CONTEXTS; context++) {
                int table = c * ContextTables.CONTEXTS + context;
                double[] pmf = new double[prior.length];
                for (int v = low; v <= high; v++) {
                    pmf[v - low] = counts[table][v + WINDOW] + PRIOR_WEIGHT * prior[v - low];
                }
                pmf[pmf.length - 1] = beyondWindow[table] + PRIOR_WEIGHT * prior[prior.length - 1];
                tables[table] = CdfTable.fromProbabilities(low, pmf, precisionBits);
            }
        }
        return new ContextTables(tables);
    }
}
