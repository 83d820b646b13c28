package io.huvr.codec.entropy;

import java.util.Random;

/** Laplacian tables like those of quantised latents, and symbol streams drawn from their own probabilities. */
final class LaplacianSource {

    private LaplacianSource() {
    }

    /**
     * A discretised zero-mean Laplacian of the given scale over {@code [-halfRange, halfRange]}, both tails
     * going to the escape.
     */
    static CdfTable table(double scale, int halfRange, int precisionBits) {
        double[] pmf = new double[2 * halfRange + 2];
        for (int symbol = -halfRange; symbol <= halfRange; symbol++) {
            pmf[symbol + halfRange] = laplaceCdf(symbol + 0.5, scale) - laplaceCdf(symbol - 0.5, scale);
        }
        pmf[pmf.length - 1] = 2 * (1 - laplaceCdf(halfRange + 0.5, scale));
        return CdfTable.fromProbabilities(-halfRange, pmf, precisionBits);
    }

    /** {@code count} tables of varied scales and ranges, like the channels of one token. */
    static CdfTable[] tables(int count, int precisionBits, Random random) {
        CdfTable[] tables = new CdfTable[count];
        for (int c = 0; c < count; c++) {
            double scale = 0.2 + 12 * random.nextDouble() * random.nextDouble();
            int halfRange = Math.min((1 << (precisionBits - 1)) - 2, 2 + (int) (4 * scale) + random.nextInt(3));
            tables[c] = table(scale, halfRange, precisionBits);
        }
        return tables;
    }

    /** Symbols drawn with the probabilities of their tables; escapes become values outside the range. */
    static int[] stream(TableSelector tables, int count, Random random) {
        int[] symbols = new int[count];
        for (int position = 0; position < count; position++) {
            symbols[position] = draw(tables.tableAt(position, symbols), random);
        }
        return symbols;
    }

    static int draw(CdfTable table, Random random) {
        int index = table.indexAtSlot(random.nextInt(1 << table.precisionBits()));
        return index == table.escapeIndex() ? escapedValue(table, random) : table.minSymbol() + index;
    }

    /** A value outside the table's range: mostly just outside, sometimes near the int16 extremes. */
    private static int escapedValue(CdfTable table, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> table.maxSymbol() + 1 + random.nextInt(8);
            case 1 -> table.minSymbol() - 1 - random.nextInt(8);
            case 2 -> 30000 - random.nextInt(100);
            default -> -30000 + random.nextInt(100);
        };
    }

    /**
     * The ideal cost of coding {@code symbols} with their tables: the information content of each symbol
     * under its integer table, plus the Exp-Golomb bits of each escape.
     */
    static double idealBits(int[] symbols, TableSelector tables) {
        double bits = 0;
        for (int position = 0; position < symbols.length; position++) {
            CdfTable table = tables.tableAt(position, symbols);
            int symbol = symbols[position];
            bits += table.precisionBits() - log2(table.frequencyOf(symbol));
            if (symbol < table.minSymbol() || symbol > table.maxSymbol()) {
                long code = symbol > table.maxSymbol()
                        ? 2 * ((long) symbol - table.maxSymbol() - 1)
                        : 2 * ((long) table.minSymbol() - symbol - 1) + 1;
                bits += 2 * (63 - Long.numberOfLeadingZeros(code + 1)) + 1;
            }
        }
        return bits;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** StrictMath, so the tables and the streams drawn from them are the same on every platform. */
    private static double laplaceCdf(double x, double scale) {
        return x < 0 ? 0.5 * StrictMath.exp(x / scale) : 1 - 0.5 * StrictMath.exp(-x / scale);
    }
}
