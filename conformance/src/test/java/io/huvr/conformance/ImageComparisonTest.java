package io.huvr.conformance;

import io.huvr.lite.PngFiles;
import io.huvr.lite.Rendered;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageComparisonTest {
    /** Two pixels whose values sit 0.3 and 0.5 levels above an 8-bit level, in every channel. */
    private static final Rendered REFERENCE = new Rendered(2, 1, new float[] {
            (float) ((100.3 / 127.5) - 1), (float) ((100.3 / 127.5) - 1), (float) ((100.3 / 127.5) - 1),
            (float) ((200.5 / 127.5) - 1), (float) ((200.5 / 127.5) - 1), (float) ((200.5 / 127.5) - 1)});

    @Test
    void errorsAreIn8BitUnitsWhateverTheDepths() {
        BufferedImage reference16 = PngFiles.toImage(REFERENCE, 16);
        BufferedImage output8 = PngFiles.toImage(REFERENCE, 8);
        ImageComparison c = ImageComparison.compare(output8, reference16);
        // The 8-bit output holds 100 and 201: errors 0.3 and 0.5, to within the 16-bit quantum 1/257.
        for (int channel = 0; channel < 3; channel++) {
            assertEquals(0.5, c.peak()[channel], 0.004);
            assertEquals(Math.sqrt((0.3 * 0.3 + 0.5 * 0.5) / 2), c.rmse()[channel], 0.004);
        }
        assertEquals(0.5, c.errors()[1], 0.004);
        assertNull(c.violation(Tolerance.SPEC));
        assertEquals(0, ImageComparison.compare(reference16, reference16).maxPeak());
    }

    @Test
    void violationNamesTheBoundAndChannel() {
        BufferedImage reference = PngFiles.toImage(REFERENCE, 16);
        BufferedImage output = PngFiles.toImage(REFERENCE, 8);
        output.getRaster().setSample(0, 0, 1, 103);
        String violation = ImageComparison.compare(output, reference).violation(Tolerance.SPEC);
        assertTrue(violation.startsWith("peak error 2.7") && violation.contains("channel G"), violation);
        assertTrue(ImageComparison.compare(PngFiles.toImage(REFERENCE, 8), reference)
                .violation(new Tolerance(0.2, 1)).startsWith("RMSE 0.41"));
    }
}
