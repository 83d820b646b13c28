package io.huvr.codec;

import io.huvr.codec.image.Images;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HuvrDecoder#decodeAll} on real photos with the shipped model, against decoding each image alone. */
class HuvrDecoderBatchTest {
    static final Path PHOTOS = Path.of("src/test/resources/photos");

    private static HuvrModel model;

    @BeforeAll
    static void load() throws IOException {
        model = HuvrModel.loadDefault();
    }

    @Test
    void decodingTogetherGivesEachImageAsDecodedAlone() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(model);
        BufferedImage hubble = Images.readRgb(PHOTOS.resolve("hubble_320x256.png"));
        List<BufferedImage> sources = List.of(
                hubble,                                              // 20 tiles: a short group
                Images.read(PHOTOS.resolve("ihc_grey_alpha.png")),   // 12 tiles, grey with alpha
                Images.resize(hubble, 90, 60),                       // 2 tiles
                Images.resize(hubble, 700, 150));                    // 33 tiles: a full group and a short one
        List<HuvrImage> images = new ArrayList<>();
        for (BufferedImage source : sources) {
            images.add(HuvrReader.read(encoder.encode(source, EncodeOptions.defaults())));
        }
        HuvrDecoder decoder = new HuvrDecoder(model);
        List<BufferedImage> together = decoder.decodeAll(images);
        assertEquals(images.size(), together.size());
        for (int i = 0; i < images.size(); i++) {
            BufferedImage alone = decoder.decode(images.get(i));
            BufferedImage batched = together.get(i);
            assertEquals(alone.getType(), batched.getType());
            assertEquals(alone.getWidth(), batched.getWidth());
            assertEquals(alone.getHeight(), batched.getHeight());
            int[] a = alone.getRaster().getPixels(0, 0, alone.getWidth(), alone.getHeight(), (int[]) null);
            int[] b = batched.getRaster().getPixels(0, 0, alone.getWidth(), alone.getHeight(), (int[]) null);
            int differing = 0;
            for (int s = 0; s < a.length; s++) {
                assertTrue(Math.abs(a[s] - b[s]) <= 1, "image " + i + " sample " + s + ": " + a[s] + " vs " + b[s]);
                differing += a[s] != b[s] ? 1 : 0;
            }
            // Shared passes change the float output in its last bits: a sample rounds differently only rarely.
            assertTrue(differing <= a.length / 1000, "image " + i + ": " + differing + " of " + a.length + " samples differ");
        }
    }

    @Test
    void imagesOfFullGroupsOnlyComeOutExactlyAsAlone() throws IOException {
        // 512x256 is 32 tiles: one full group, synthesised in a pass of its own either way.
        BufferedImage photo = Images.resize(Images.readRgb(PHOTOS.resolve("hubble_320x256.png")), 512, 256);
        HuvrImage image = HuvrReader.read(new HuvrEncoder(model).encode(photo, EncodeOptions.defaults()));
        HuvrImage small = HuvrReader.read(new HuvrEncoder(model).encode(Images.resize(photo, 64, 64),
                EncodeOptions.defaults()));
        HuvrDecoder decoder = new HuvrDecoder(model);
        List<BufferedImage> together = decoder.decodeAll(List.of(small, image, image));
        assertArrayEquals(Images.pixels(decoder.decode(image)), Images.pixels(together.get(1)));
        assertArrayEquals(Images.pixels(decoder.decode(image)), Images.pixels(together.get(2)));
    }

    @Test
    void oneDecoderServesSeveralThreadsAtOnce() throws Exception {
        BufferedImage hubble = Images.readRgb(PHOTOS.resolve("hubble_320x256.png"));
        HuvrEncoder encoder = new HuvrEncoder(model);
        List<HuvrImage> images = List.of(HuvrReader.read(encoder.encode(hubble, EncodeOptions.defaults())),
                HuvrReader.read(encoder.encode(Images.resize(hubble, 700, 150), EncodeOptions.defaults())));
        HuvrDecoder decoder = new HuvrDecoder(model);
        List<int[]> expected = new ArrayList<>();
        for (HuvrImage image : images) {
            expected.add(Images.pixels(decoder.decode(image)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                HuvrImage image = images.get(i % 2);
                results.add(threads.submit(() -> Images.pixels(decoder.decode(image))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected.get(i % 2), results.get(i).get(), "decode " + i);
            }
        } finally {
            threads.shutdown();
        }
    }
}
