package io.huvr.codec.image;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ResamplerTest {
    @Test
    void theSameSizeIsTheSamePlane() {
        byte[] plane = {0, 10, (byte) 200, 30, 40, (byte) 255};
        assertArrayEquals(plane, Resampler.resizeBytes(plane, 3, 2, 3, 2));
    }

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        byte[] plane = {0, 2, 100, 104, 4, 6, 50, 50};
        assertArrayEquals(new byte[] {3, 76}, Resampler.resizeBytes(plane, 4, 2, 2, 1));
    }

    @Test
    void areaShrinkingWeighsPartlyCoveredPixels() {
        // Three pixels onto two: each output covers one pixel and half of the middle one.
        byte[] plane = {0, 90, (byte) 180};
        assertArrayEquals(new byte[] {30, (byte) 150}, Resampler.resizeBytes(plane, 3, 1, 2, 1));
    }

    @Test
    void growingKeepsAConstantPlaneAndInterpolatesARamp() {
        assertArrayEquals(new byte[] {7, 7, 7, 7, 7, 7}, Resampler.resizeBytes(new byte[] {7, 7, 7}, 3, 1, 6, 1));
        byte[] ramp = Resampler.resizeBytes(new byte[] {0, 40, 80, 120}, 4, 1, 8, 1);
        // Bicubic reproduces a straight line away from the clamped edges: outputs 3 and 4 lie at source 1.25 and 1.75.
        assertEquals(50, ramp[3]);
        assertEquals(70, ramp[4]);
    }

    @Test
    void aFractionalExtentMapsOnlyThatPartOfTheSource() {
        // 4 source pixels of which 3.5 are the image: halving reads 1.75 pixels per output.
        int[] rgb = {0x101010, 0x101010, 0x505050, 0xFFFFFF};
        int[] out = Resampler.resizeRgb(rgb, 4, 1, 3.5, 1, 2, 1);
        assertEquals(0x10, out[0] & 0xFF);
        // (0.25 * 0x10 + 1 * 0x50 + 0.5 * 0xFF) / 1.75
        assertEquals(Math.round((0.25f * 0x10 + 0x50 + 0.5f * 0xFF) / 1.75f), out[1] & 0xFF);
    }
}
