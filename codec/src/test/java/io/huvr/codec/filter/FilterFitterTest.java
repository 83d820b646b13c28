package io.huvr.codec.filter;

import io.huvr.codec.image.Images;
import io.huvr.format.ReconstructionFilters;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterFitterTest {
    private static final int SIDE = 48;

    /** A smooth random source image, packed 0xRRGGBB. */
    private static int[] source(long seed) {
        Random random = new Random(seed);
        int[] rgb = new int[SIDE * SIDE];
        double[] phase = random.doubles(6, 0, 6).toArray();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int packed = 0;
                for (int c = 0; c < 3; c++) {
                    double v = 128 + 60 * Math.sin(x / 5.0 + phase[c]) + 50 * Math.cos(y / 7.0 + phase[c + 3])
                            + random.nextGaussian() * 4;
                    packed |= (int) Math.max(0, Math.min(255, Math.round(v))) << (16 - 8 * c);
                }
                rgb[y * SIDE + x] = packed;
            }
        }
        return rgb;
    }

    /** Planes in the model's units of the source after a known degradation: blue scaled by 0.8, red offset by 0.1. */
    private static float[] degraded(int[] source) {
        int plane = SIDE * SIDE;
        float[] planes = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            planes[i] = Images.toModel(source[i] >> 16 & 0xFF) - 0.1f;
            planes[plane + i] = Images.toModel(source[i] >> 8 & 0xFF);
            planes[2 * plane + i] = 0.8f * Images.toModel(source[i] & 0xFF);
        }
        return planes;
    }

    @Test
    void undoesALinearDegradationAndItsPredictionHolds() {
        int[] source = source(3);
        float[] planes = degraded(source);
        int plane = SIDE * SIDE;
        FilterFitter fitter = new FilterFitter();
        // Two 24-pixel-wide tiles side by side, as the encoder adds them.
        fitter.add(planes, 0, plane, SIDE, 0, 0, 24, SIDE, source, SIDE, 0, 0);
        fitter.add(planes, 0, plane, SIDE, 24, 0, 24, SIDE, source, SIDE, 24, 0);
        FilterFitter.Fit fit = fitter.fit(FilterFitter.RADIUS, 10);
        assertEquals(ReconstructionFilters.tapCount(FilterFitter.RADIUS), fit.filter().getTapsCount());
        assertTrue(fit.gainDb() > 30, "gain " + fit.gainDb());
        // Red's bias is 0.1 in 10 fraction bits; blue's own centre tap is 1 / 0.8 - 1.
        int perOutput = ReconstructionFilters.tapsPerOutput(FilterFitter.RADIUS);
        assertEquals(102, fit.filter().getTaps(perOutput - 1), 1);
        assertEquals(256, fit.filter().getTaps(2 * perOutput + perOutput - 2), 2);

        TileFilter filter = TileFilter.of(fit.filter());
        filter.apply(planes, 0, plane, SIDE, 0, 0, 24, SIDE);
        filter.apply(planes, 0, plane, SIDE, 24, 0, 24, SIDE);
        double squared = 0;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                double e = Images.toModel(source[i] >> (16 - 8 * c) & 0xFF) - planes[c * plane + i];
                squared += e * e;
            }
        }
        assertEquals(fit.after(), squared, 1e-3 * fit.before());
    }

    @Test
    void aSmallerWindowComesFromTheSameStatistics() {
        int[] source = source(4);
        float[] planes = degraded(source);
        FilterFitter fitter = new FilterFitter();
        fitter.add(planes, 0, SIDE * SIDE, SIDE, 0, 0, SIDE, SIDE, source, SIDE, 0, 0);
        FilterFitter.Fit small = fitter.fit(1, 10);
        assertEquals(ReconstructionFilters.tapCount(1), small.filter().getTapsCount());
        assertTrue(small.gainDb() > 30, "gain " + small.gainDb());
        // Radius 1: 16 values per output channel; red's bias is value 15, blue's own centre tap 2 * 16 + 3 * 4 + 2.
        assertEquals(102, small.filter().getTaps(15), 1);
        assertEquals(256, small.filter().getTaps(2 * 16 + 14), 2);
        assertTrue(fitter.fit(2, 10).after() <= small.after() * 1.0001, "the larger window fits at least as well");
    }
}
