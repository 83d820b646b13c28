package io.huvr.codec;

import io.huvr.codec.eval.RoundTrip;
import io.huvr.codec.image.Images;
import io.huvr.codec.model.HuvrModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped model on real photos it never saw in training: each operating point's bits per
 * pixel and PSNR must stay within a band around the figures recorded in {@value #BANDS}.
 * Re-record after retraining with {@code -Dhuvr.recordBands=true}.
 */
class ShippedModelTest {
    static final String BANDS = "src/test/resources/shipped-model-bands.csv";
    /** Relative bpp tolerance and absolute PSNR tolerance (dB): covers BLAS and platform differences, not regressions. */
    static final double BPP_TOLERANCE = 0.03;
    static final double PSNR_TOLERANCE = 0.25;
    static final List<String> PHOTOS = List.of("hubble_320x256.png", "ihc_200x190.png");

    private static HuvrModel model;

    @BeforeAll
    static void load() throws IOException {
        model = HuvrModel.loadDefault();
    }

    @Test
    void everyOperatingPointStaysInItsBand() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(model);
        HuvrDecoder decoder = new HuvrDecoder(model);
        List<String> measured = new ArrayList<>();
        measured.add("photo,quality,bpp,psnr");
        for (String photo : PHOTOS) {
            BufferedImage image = Images.readRgb(Path.of("src/test/resources/photos", photo));
            RoundTrip.Result previous = null;
            for (int q = 1; q <= model.operatingPoints().size(); q++) {
                RoundTrip.Result r = RoundTrip.run(encoder, decoder, image, EncodeOptions.defaults().withQuality(q));
                measured.add(String.format(Locale.ROOT, "%s,%d,%.5f,%.3f", photo, q, r.bpp(), r.metrics().psnrRgb()));
                if (previous != null) {
                    assertTrue(r.bpp() > previous.bpp() && r.metrics().psnrRgb() > previous.metrics().psnrRgb() - 0.05,
                            photo + ": quality " + q + " must spend more bits for more quality");
                }
                previous = r;
            }
        }
        if (Boolean.getBoolean("huvr.recordBands")) {
            Files.write(Path.of(BANDS), measured);
        }
        List<String> recorded = Files.readAllLines(Path.of(BANDS));
        assertEquals(recorded.size(), measured.size(), "one band per photo and operating point");
        for (int i = 1; i < recorded.size(); i++) {
            String[] want = recorded.get(i).split(",");
            String[] got = measured.get(i).split(",");
            assertEquals(want[0] + "," + want[1], got[0] + "," + got[1]);
            double bpp = Double.parseDouble(got[2]);
            double wantBpp = Double.parseDouble(want[2]);
            assertTrue(Math.abs(bpp - wantBpp) <= BPP_TOLERANCE * wantBpp, "bpp " + measured.get(i) + " vs " + recorded.get(i));
            double psnr = Double.parseDouble(got[3]);
            assertTrue(Math.abs(psnr - Double.parseDouble(want[3])) <= PSNR_TOLERANCE,
                    "PSNR " + measured.get(i) + " vs " + recorded.get(i));
        }
    }
    @Test
    void refinementLowersTheRateDistortionCost() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(model);
        HuvrDecoder decoder = new HuvrDecoder(model);
        BufferedImage image = Images.readRgb(Path.of("src/test/resources/photos", PHOTOS.get(0)));
        int quality = 3;
        double stepScale = model.operatingPoints().get(quality - 1).getStepScale();
        double[] cost = new double[3];
        for (int effort = 0; effort <= 2; effort++) {
            RoundTrip.Result r = RoundTrip.run(encoder, decoder, image,
                    new EncodeOptions(quality, effort, EncodeOptions.defaults().coder()));
            // The objective the refinement minimises: bpp + lambda / s^2 * MSE on the model's [-1, 1] scale.
            double mse = 4 / Math.pow(10, r.metrics().psnrRgb() / 10);
            cost[effort] = r.bpp() + model.lambda() / (stepScale * stepScale) * mse;
        }
        assertTrue(cost[1] < cost[0] && cost[2] < cost[1], "effort 0..2 costs " + Arrays.toString(cost));
    }
}
