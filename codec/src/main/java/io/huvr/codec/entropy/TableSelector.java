package io.huvr.codec.entropy;

import java.util.Objects;

/** Gives the CDF table that codes the symbol at each position of a symbol sequence. */
@FunctionalInterface
public interface TableSelector {

    /**
     * The table for the symbol at {@code position} (0-based, in payload order). It may depend on the symbols
     * before it, {@code symbols[0 .. position-1]}, which the decoder knows by then; it never reads the others.
     */
    CdfTable tableAt(int position, int[] symbols);

    /**
     * The layout of a tile's payload: first one global token of {@code globalTables.length} channels, each
     * with its own table, then any number of patch tokens of {@code patchTables.length} channels, channel
     * {@code c} of every patch token using {@code patchTables[c]}.
     */
    static TableSelector forTile(CdfTable[] globalTables, CdfTable[] patchTables) {
        CdfTable[] global = checked(globalTables);
        CdfTable[] patch = checked(patchTables);
        if (patch.length == 0) {
            throw new IllegalArgumentException("a tile needs at least one patch channel table");
        }
        return (position, symbols) -> position < global.length
                ? global[position]
                : patch[(position - global.length) % patch.length];
    }

    /**
     * The same layout with patch symbols coded in the context of their left and upper neighbours: the tile's
     * patch tokens form a {@code patchesPerSide x patchesPerSide} grid in raster order, and channel {@code c}
     * of a patch token uses {@code context.table(c, left, up)}, where {@code left} and {@code up} are channel
     * {@code c} of the tokens to its left and above, 0 where the tile ends.
     */
    static TableSelector forTile(CdfTable[] globalTables, ContextTables context, int patchesPerSide) {
        CdfTable[] global = checked(globalTables);
        int dim = context.channels();
        return (position, symbols) -> position < global.length
                ? global[position]
                : context.tableAtIndex(ContextTables.indexAt(symbols, position, global.length, dim, patchesPerSide));
    }

    private static CdfTable[] checked(CdfTable[] tables) {
        CdfTable[] copy = tables.clone();
        for (CdfTable table : copy) {
            Objects.requireNonNull(table, "table");
        }
        return copy;
    }
}
