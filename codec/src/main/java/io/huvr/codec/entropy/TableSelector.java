package io.huvr.codec.entropy;

import java.util.Objects;

/** Gives the CDF table that codes the symbol at each position of a symbol sequence. */
@FunctionalInterface
public interface TableSelector {

    /** The table for the symbol at {@code position} (0-based, in payload order). */
    CdfTable tableAt(int position);

    /**
     * The layout of a tile's payload: first one global token of {@code globalTables.length} channels, each
     * with its own table, then any number of patch tokens of {@code patchTables.length} channels, channel
     * {@code c} of every patch token using {@code patchTables[c]}.
     */
    static TableSelector forTile(CdfTable[] globalTables, CdfTable[] patchTables) {
        CdfTable[] global = globalTables.clone();
        CdfTable[] patch = patchTables.clone();
        for (CdfTable table : global) {
            Objects.requireNonNull(table, "global table");
        }
        for (CdfTable table : patch) {
            Objects.requireNonNull(table, "patch table");
        }
        if (patch.length == 0) {
            throw new IllegalArgumentException("a tile needs at least one patch channel table");
        }
        return position -> position < global.length
                ? global[position]
                : patch[(position - global.length) % patch.length];
    }
}
