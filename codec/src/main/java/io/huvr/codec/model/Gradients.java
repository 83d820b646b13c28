package io.huvr.codec.model;

import org.nd4j.autodiff.samediff.SameDiff;

import java.io.OutputStream;
import java.io.PrintStream;

/** Builds a graph's gradient function ahead of training, without ND4J's line per op on standard output. */
public final class Gradients {
    private static final Object STDOUT_LOCK = new Object();

    private Gradients() {
    }

    /**
     * Creates the gradient function of {@code sd} unless it exists; standard output is muted meanwhile.
     * Call it after {@link SameDiff#setTrainingConfig}: a gradient function built before any training
     * configuration leaves {@code fit} without effect.
     */
    public static void prepare(SameDiff sd) {
        if (sd.getFunction("grad") != null) {
            return;
        }
        synchronized (STDOUT_LOCK) {
            PrintStream stdout = System.out;
            // SameDiff 1.0.0-M2.1 prints "Added differentiated op ..." with System.out for every op.
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(stdout);
            }
        }
    }
}
