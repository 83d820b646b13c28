package io.huvr.codec.entropy;

import java.util.Arrays;

/**
 * The patch tables of one operating point when symbols are coded in context: for every channel, one table per
 * pair of neighbouring symbols (left, up), each clipped to {@code [-NEIGHBOUR_CLIP, NEIGHBOUR_CLIP]}. Neighbouring
 * patch tokens of a tile are correlated channel by channel, so a symbol's distribution given its neighbours is
 * narrower than the channel's marginal one. The layout is normative (format-spec/spec/entropy-coding.md).
 */
public final class ContextTables {
    /** Neighbouring symbols are clipped to {@code [-NEIGHBOUR_CLIP, NEIGHBOUR_CLIP]} before they select a table. */
    public static final int NEIGHBOUR_CLIP = 3;
    /** Values a clipped neighbour takes. */
    static final int NEIGHBOUR_VALUES = 2 * NEIGHBOUR_CLIP + 1;
    /** Tables per channel: one per (left, up) pair. */
    public static final int CONTEXTS = NEIGHBOUR_VALUES * NEIGHBOUR_VALUES;

    private final CdfTable[] tables;
    private final int channels;

    /**
     * @param tables {@code channels * CONTEXTS} tables, channel-major, then by clipped left, then by clipped up
     *               neighbour, as {@link #index} orders them
     */
    public ContextTables(CdfTable[] tables) {
        if (tables.length == 0 || tables.length % CONTEXTS != 0) {
            throw new IllegalArgumentException(tables.length + " tables are not a whole number of channels of "
                    + CONTEXTS + " contexts");
        }
        this.tables = tables.clone();
        for (CdfTable table : this.tables) {
            if (table == null) {
                throw new IllegalArgumentException("missing context table");
            }
        }
        this.channels = tables.length / CONTEXTS;
    }

    /** Where channel {@code channel}'s table for neighbours {@code left} and {@code up} (unclipped) sits. */
    public static int index(int channel, int left, int up) {
        return (channel * NEIGHBOUR_VALUES + clip(left)) * NEIGHBOUR_VALUES + clip(up);
    }

    /**
     * The {@link #index} of the table for the patch symbol at {@code position} of a tile's symbol sequence whose patch
     * tokens, {@code channels} symbols each, start at {@code firstPatch} and form a {@code patchesPerSide}-wide grid in
     * raster order: its neighbours are the same channel of the tokens to the left and above, 0 where the tile ends.
     */
    static int indexAt(int[] symbols, int position, int firstPatch, int channels, int patchesPerSide) {
        int offset = position - firstPatch;
        int token = offset / channels;
        int left = token % patchesPerSide > 0 ? symbols[position - channels] : 0;
        int up = token >= patchesPerSide ? symbols[position - patchesPerSide * channels] : 0;
        return index(offset % channels, left, up);
    }

    private static int clip(int neighbour) {
        return Math.max(-NEIGHBOUR_CLIP, Math.min(NEIGHBOUR_CLIP, neighbour)) + NEIGHBOUR_CLIP;
    }

    public int channels() {
        return channels;
    }

    /** The table of {@code channel} next to symbols {@code left} and {@code up}. */
    public CdfTable table(int channel, int left, int up) {
        return tables[index(channel, left, up)];
    }

    CdfTable tableAtIndex(int index) {
        return tables[index];
    }

    /** All tables in {@link #index} order (a copy). */
    public CdfTable[] tables() {
        return Arrays.copyOf(tables, tables.length);
    }
}
