package io.huvr.codec.model;

import io.huvr.codec.entropy.CdfTable;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DensityTablesTest {
    @Test
    void tablesFollowTheLogisticDensity() {
        // One channel, one logistic component at 0 with scale 1, step 1: P(0) = sigmoid(.5) - sigmoid(-.5).
        CdfTable[] tables = DensityTables.build(new float[][] {{0}}, new float[][] {{0}}, new float[][] {{0}},
                new double[] {1});
        CdfTable t = tables[0];
        double p0 = 1 / (1 + Math.exp(-0.5)) - 1 / (1 + Math.exp(0.5));
        assertEquals(p0, t.frequencyOf(0) / 65536.0, 1e-3);
        assertEquals(t.frequencyOf(1), t.frequencyOf(-1), 1);
        assertTrue(t.minSymbol() <= -14 && t.maxSymbol() >= 14, "covers +-14 scales");
    }

    @Test
    void coarserStepsMeanFewerSymbolsAndMoreMassAtZero() {
        float[][] logits = {{0, 0}};
        float[][] means = {{-1, 2}};
        float[][] logScales = {{0.5f, -0.5f}};
        CdfTable fine = DensityTables.build(logits, means, logScales, new double[] {0.25})[0];
        CdfTable coarse = DensityTables.build(logits, means, logScales, new double[] {2})[0];
        assertTrue(coarse.maxSymbol() - coarse.minSymbol() < fine.maxSymbol() - fine.minSymbol());
        assertTrue(coarse.frequencyOf(0) > fine.frequencyOf(0));
    }
}
