package io.huvr.codec;

import io.huvr.codec.image.Images;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.Chunk;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HuvrEncoder#encodeWithin}: the highest quality that fits a byte budget, with the shipped model on a real photo. */
class RateControlTest {
    private static HuvrEncoder encoder;
    private static BufferedImage photo;
    private static byte[][] byQuality;

    @BeforeAll
    static void encodeEveryQuality() throws IOException {
        encoder = new HuvrEncoder(HuvrModel.loadDefault());
        photo = Images.readRgb(Path.of("src/test/resources/photos", ShippedModelTest.PHOTOS.get(0)));
        int qualities = encoder.model().operatingPoints().size();
        byQuality = new byte[qualities][];
        for (int q = 1; q <= qualities; q++) {
            byQuality[q - 1] = encoder.encode(photo, EncodeOptions.defaults().withQuality(q));
        }
    }

    private static EncodeOptions upTo(int quality) {
        return EncodeOptions.defaults().withQuality(quality);
    }

    @Test
    void picksTheHighestQualityThatFitsAndCodesItAsEncodeDoes() throws IOException {
        int top = byQuality.length;
        for (int q = 1; q <= top; q++) {
            byte[] fitted = encoder.encodeWithin(photo, byQuality[q - 1].length, upTo(top));
            assertArrayEquals(byQuality[q - 1], fitted, "a budget of exactly quality " + q + "'s size");
        }
        // One byte short of quality 4 with its reconstruction filter: quality 4 still fits, with a cheaper filter or none.
        HuvrImage filtered = HuvrReader.read(byQuality[3]);
        assertTrue(filtered.filter().isPresent());
        byte[] tight = encoder.encodeWithin(photo, byQuality[3].length - 1, upTo(top));
        HuvrImage fitted = HuvrReader.read(tight);
        assertTrue(tight.length < byQuality[3].length);
        assertEquals(filtered.header(), fitted.header());
        assertEquals(filtered.tiles().size(), fitted.tiles().size());
        for (int t = 0; t < filtered.tiles().size(); t++) {
            assertArrayEquals(filtered.tiles().get(t), fitted.tiles().get(t));
        }
        assertArrayEquals(byQuality[1], encoder.encodeWithin(photo, Long.MAX_VALUE, upTo(2)), "--quality caps it");
    }

    @Test
    void aBudgetBelowTheSmallestFileIsAClearError() throws IOException {
        HuvrImage smallest = HuvrReader.read(byQuality[0]);
        int unfiltered = HuvrWriter.toBytes(smallest.header(), smallest.tiles().stream().map(Chunk::tile).toList()).length;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.encodeWithin(photo, unfiltered - 1, upTo(byQuality.length)));
        assertTrue(e.getMessage().contains(unfiltered + " bytes at quality 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encoder.encodeWithin(photo, 0, upTo(1)));
        assertThrows(IllegalArgumentException.class, () -> encoder.encodeWithin(photo, 1000, upTo(byQuality.length + 1)));
    }

    @Test
    void refinesTheChosenQualityAndKeepsTheBudget() throws IOException {
        EncodeOptions effort1 = upTo(byQuality.length).withEffort(1);
        byte[] refinedQ3 = encoder.encode(photo, effort1.withQuality(3));
        assertFalse(Arrays.equals(refinedQ3, byQuality[2]), "refinement changes some tile of this photo");
        long roomy = Math.max(refinedQ3.length, byQuality[2].length);
        assertTrue(roomy < byQuality[3].length, "quality 4 does not fit either way");
        assertArrayEquals(refinedQ3, encoder.encodeWithin(photo, roomy, effort1), "the refined file fits: taken");

        // The quality is chosen on the effort-0 sizes; the refined file replaces that one only if it fits too.
        long exact = byQuality[2].length;
        byte[] fitted = encoder.encodeWithin(photo, exact, effort1);
        assertArrayEquals(refinedQ3.length <= exact ? refinedQ3 : byQuality[2], fitted);
    }
}
