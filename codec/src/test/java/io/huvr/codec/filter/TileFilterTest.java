package io.huvr.codec.filter;

import io.huvr.format.ReconstructionFilters;
import io.huvr.format.proto.ReconstructionFilter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The filter of SPEC.md 2.5 on small planes whose results are worked out by hand. */
class TileFilterTest {
    private static final int WIDTH = 5;
    private static final int HEIGHT = 4;
    private static final int PLANE = WIDTH * HEIGHT;

    /** A radius-1 filter (offsets (-1,-1), (-1,0), (-1,1), (0,-1), centre) with the given taps, 8 fraction bits. */
    private static TileFilter radiusOne(int... indexAndValue) {
        int[] taps = new int[ReconstructionFilters.tapCount(1)];
        for (int k = 0; k < indexAndValue.length; k += 2) {
            taps[indexAndValue[k]] = indexAndValue[k + 1];
        }
        return TileFilter.of(ReconstructionFilter.newBuilder().setRadius(1).setFractionBits(8)
                .addAllTaps(Arrays.stream(taps).boxed().toList()).build());
    }

    private static float[] ramp() {
        float[] planes = new float[3 * PLANE];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = i / 64f;
        }
        return planes;
    }

    private static float at(float[] planes, int c, int x, int y) {
        return planes[c * PLANE + y * WIDTH + x];
    }

    @Test
    void zeroTapsLeaveTheSamples() {
        float[] planes = ramp();
        radiusOne().apply(planes, 0, PLANE, WIDTH, 0, 0, WIDTH, HEIGHT);
        assertArrayEquals(ramp(), planes);
    }

    @Test
    void biasAndCentreTapsAddScaledSamples() {
        // Output channel 2 (taps from 2 * 16): bias (index 15) 64/256, centre tap (offset 4) of input channel 0 -128/256.
        float[] planes = ramp();
        radiusOne(2 * 16 + 15, 64, 2 * 16 + 3 * 4, -128).apply(planes, 0, PLANE, WIDTH, 0, 0, WIDTH, HEIGHT);
        float[] source = ramp();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                assertEquals(at(source, 2, x, y) + 0.25f - 0.5f * at(source, 0, x, y), at(planes, 2, x, y), 1e-6);
                assertEquals(at(source, 0, x, y), at(planes, 0, x, y));
            }
        }
    }

    @Test
    void aPairTapReadsBothNeighboursAndClampsAtTheRectangle() {
        // Output channel 0, offset 3 = (dy 0, dx -1), input channel 1, 1.0: adds G(x - 1) + G(x + 1), clamped.
        float[] planes = ramp();
        radiusOne(3 * 3 + 1, 256).apply(planes, 0, PLANE, WIDTH, 0, 0, WIDTH, HEIGHT);
        float[] source = ramp();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                float expected = at(source, 0, x, y) + at(source, 1, Math.max(0, x - 1), y)
                        + at(source, 1, Math.min(WIDTH - 1, x + 1), y);
                assertEquals(expected, at(planes, 0, x, y), 1e-6);
            }
        }
    }

    @Test
    void touchesOnlyItsRectangleAndReadsNothingOutsideIt() {
        float[] planes = new float[3 * PLANE];
        new Random(1).ints(planes.length, -100, 100).forEach(new java.util.function.IntConsumer() {
            int i;

            @Override
            public void accept(int v) {
                planes[i++] = v / 100f;
            }
        });
        float[] inside = planes.clone();
        // Rectangle x 1..3, y 1..2; the diagonal tap (offset 0 = (-1, -1)) of channel 1 on itself.
        TileFilter filter = radiusOne(16 + 1, 256);
        filter.apply(planes, 0, PLANE, WIDTH, 1, 1, 3, 2);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    boolean in = x >= 1 && x <= 3 && y >= 1 && y <= 2;
                    if (!in || c != 1) {
                        assertEquals(at(inside, c, x, y), at(planes, c, x, y));
                    } else {
                        float expected = at(inside, 1, x, y) + at(inside, 1, Math.max(1, x - 1), Math.max(1, y - 1))
                                + at(inside, 1, Math.min(3, x + 1), Math.min(2, y + 1));
                        assertEquals(expected, at(planes, 1, x, y), 1e-6);
                    }
                }
            }
        }
    }
}
