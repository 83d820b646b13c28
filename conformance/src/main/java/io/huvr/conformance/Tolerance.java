package io.huvr.conformance;

/**
 * How far a decoder's output may be from the reference output, per channel, in 8-bit units
 * (one unit is one level of an 8-bit sample; a 16-bit sample {@code s} counts as {@code s / 257}).
 * The numbers and the measurements behind them are in conformance/README.md.
 *
 * @param maxRmse the largest root-mean-square error of any channel
 * @param maxPeak the largest absolute error of any sample
 */
public record Tolerance(double maxRmse, double maxPeak) {
    /** The suite's tolerance for every huvr-inr-v1 decoder. */
    public static final Tolerance SPEC = new Tolerance(0.55, 1.0);

    public Tolerance {
        if (!(maxRmse >= 0) || !(maxPeak >= 0)) {
            throw new IllegalArgumentException("tolerances must be non-negative numbers");
        }
    }
}
