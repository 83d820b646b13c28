package io.huvr.codec.model;

import io.huvr.codec.entropy.CdfTable;

/**
 * Integerises the learned factorized densities into the CDF tables the entropy coder uses.
 *
 * <p>Each channel's density is a mixture of logistics over the continuous TinTok value; the symbol
 * {@code q} of step {@code delta} owns the interval {@code [(q - 1/2) delta, (q + 1/2) delta)}. The
 * tables are computed once, at export, in double precision and stored as integers in the model file:
 * decoders never evaluate the density, so entropy decoding is bit-exact everywhere.
 */
public final class DensityTables {
    /** Probability precision of the stored tables. */
    public static final int PRECISION_BITS = 16;
    /** The table covers each component's mean +- this many scales; the rest is coded by escape. */
    private static final double TAIL_SCALES = 14;
    /** A table never spans more symbols than this. */
    private static final int MAX_SYMBOLS = 2048;

    private DensityTables() {
    }

    /**
     * One table per channel.
     *
     * @param logits    mixture logits {@code [channels][components]}
     * @param means     component means
     * @param logScales component log scales
     * @param steps     the quantisation step of each channel at this operating point
     */
    public static CdfTable[] build(float[][] logits, float[][] means, float[][] logScales, double[] steps) {
        CdfTable[] tables = new CdfTable[steps.length];
        for (int c = 0; c < steps.length; c++) {
            tables[c] = channelTable(softmax(logits[c]), means[c], logScales[c], steps[c]);
        }
        return tables;
    }

    private static CdfTable channelTable(double[] weights, float[] means, float[] logScales, double step) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            low = Math.min(low, means[k] - TAIL_SCALES * Math.exp(logScales[k]));
            high = Math.max(high, means[k] + TAIL_SCALES * Math.exp(logScales[k]));
        }
        int minSymbol = (int) Math.max(-MAX_SYMBOLS / 2, Math.floor(low / step));
        int maxSymbol = (int) Math.min(MAX_SYMBOLS / 2 - 1, Math.ceil(high / step));
        int count = maxSymbol - minSymbol + 1;
        double[] pmf = new double[count + 1];
        double inRange = 0;
        for (int i = 0; i < count; i++) {
            double q = minSymbol + i;
            pmf[i] = cdf(weights, means, logScales, (q + 0.5) * step) - cdf(weights, means, logScales, (q - 0.5) * step);
            inRange += pmf[i];
        }
        pmf[count] = Math.max(0, 1 - inRange);
        return CdfTable.fromProbabilities(minSymbol, pmf, PRECISION_BITS);
    }

    private static double cdf(double[] weights, float[] means, float[] logScales, double x) {
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[k] / (1 + Math.exp(-(x - means[k]) / Math.exp(logScales[k])));
        }
        return sum;
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] w = new double[logits.length];
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            w[k] = Math.exp(logits[k] - max);
            sum += w[k];
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }
}
