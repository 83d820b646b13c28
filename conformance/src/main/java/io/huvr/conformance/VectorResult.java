package io.huvr.conformance;

/**
 * The verdict on one vector.
 *
 * @param file      the vector, relative to the vector directory
 * @param valid     whether the vector must decode (else it must be rejected)
 * @param passed    whether the decoder did what the vector requires
 * @param reason    why it failed, or what happened when it passed
 * @param millis    the decoder's wall-clock time
 * @param rmse      per-channel RMSE in 8-bit units (valid vectors that decoded to the right size), else null
 * @param peak      per-channel peak absolute error in 8-bit units, likewise
 * @param output    the decoded PNG kept for the report, relative to the report directory, or null
 * @param heatMap   the error heat map PNG, relative to the report directory, or null
 */
public record VectorResult(String file, boolean valid, boolean passed, String reason, long millis, double[] rmse,
                           double[] peak, String output, String heatMap) {
}
