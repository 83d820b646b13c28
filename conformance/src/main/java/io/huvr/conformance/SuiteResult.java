package io.huvr.conformance;

import java.util.List;

/**
 * The runner's results for one decoder over one vector directory.
 *
 * @param decoder   the decoder's name
 * @param vectors   the vector directory
 * @param tolerance the tolerance the valid vectors were held to
 * @param results   one verdict per vector, valid vectors first, in manifest order
 */
public record SuiteResult(String decoder, String vectors, Tolerance tolerance, List<VectorResult> results) {

    public boolean passed() {
        return results.stream().allMatch(VectorResult::passed);
    }

    public long failures() {
        return results.stream().filter(r -> !r.passed()).count();
    }

    /** The result for a vector file, or an exception naming it. */
    public VectorResult result(String file) {
        return results.stream().filter(r -> r.file().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for " + file));
    }
}
