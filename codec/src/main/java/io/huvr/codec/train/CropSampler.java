package io.huvr.codec.train;

import io.huvr.codec.image.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Random training crops from a folder of photos: each photo is kept at a few scales (its longer
 * side at {@link #SCALES} pixels), and each crop gets a random flip and 90-degree rotation.
 * Every {@link #HOLDOUT_EVERY}-th photo (in file-name order) is held out for validation.
 */
public final class CropSampler {
    static final int[] SCALES = {768, 1152};
    static final int HOLDOUT_EVERY = 12;

    private final List<int[]> trainPixels = new ArrayList<>();
    private final List<int[]> trainSizes = new ArrayList<>();
    private final List<int[]> holdoutPixels = new ArrayList<>();
    private final List<int[]> holdoutSizes = new ArrayList<>();
    private final int cropSize;

    private CropSampler(int cropSize) {
        this.cropSize = cropSize;
    }

    /** Loads every PNG/JPEG/BMP/GIF under {@code folder}, printing progress. */
    public static CropSampler load(Path folder, int cropSize, PrintStream progress) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|bmp|gif)"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no images under " + folder);
        }
        CropSampler sampler = new CropSampler(cropSize);
        for (int i = 0; i < files.size(); i++) {
            boolean holdout = i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1;
            BufferedImage photo = Images.readRgb(files.get(i));
            for (int longer : SCALES) {
                double f = (double) longer / Math.max(photo.getWidth(), photo.getHeight());
                BufferedImage scaled = f < 1 ? Images.resize(photo, (int) Math.round(photo.getWidth() * f),
                        (int) Math.round(photo.getHeight() * f)) : photo;
                if (scaled.getWidth() < cropSize || scaled.getHeight() < cropSize) {
                    continue;
                }
                (holdout ? sampler.holdoutPixels : sampler.trainPixels).add(Images.pixels(scaled));
                (holdout ? sampler.holdoutSizes : sampler.trainSizes).add(new int[] {scaled.getWidth(), scaled.getHeight()});
            }
            progress.printf("\rloading photos %d/%d", i + 1, files.size());
        }
        progress.printf("%n%d training and %d held-out images (photos x scales)%n",
                sampler.trainPixels.size(), sampler.holdoutPixels.size());
        if (sampler.trainPixels.isEmpty() || sampler.holdoutPixels.isEmpty()) {
            throw new IOException("need at least " + HOLDOUT_EVERY + " photos larger than the crop size under " + folder);
        }
        return sampler;
    }

    /** A batch of random augmented training crops {@code [batch, 3, crop, crop]} in [-1, 1]. */
    public INDArray trainingBatch(int batch, SplittableRandom random) {
        float[] data = new float[batch * 3 * cropSize * cropSize];
        for (int b = 0; b < batch; b++) {
            int index = random.nextInt(trainPixels.size());
            int[] size = trainSizes.get(index);
            int x = random.nextInt(size[0] - cropSize + 1);
            int y = random.nextInt(size[1] - cropSize + 1);
            copyCrop(trainPixels.get(index), size[0], x, y, random.nextInt(8), data, b);
        }
        return Nd4j.create(data, new long[] {batch, 3, cropSize, cropSize}, 'c').castTo(DataType.FLOAT);
    }

    /** A fixed set of held-out crops (the same on every call), for comparable validation figures. */
    public INDArray holdoutBatch(int batch) {
        return fixedCrops(holdoutPixels, holdoutSizes, batch, 0, 12345);
    }

    /**
     * Batch {@code index} of a fixed sequence of unaugmented training crops (the same on every call), for measuring
     * statistics of the training photos.
     */
    public INDArray fixedTrainingBatch(int batch, int index) {
        return fixedCrops(trainPixels, trainSizes, batch, (long) batch * index, index);
    }

    /** Crops of the photos in turn from photo {@code first}, at positions drawn from {@code seed}. */
    private INDArray fixedCrops(List<int[]> pixels, List<int[]> sizes, int batch, long first, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[batch * 3 * cropSize * cropSize];
        for (int b = 0; b < batch; b++) {
            int index = (int) ((first + b) % pixels.size());
            int[] size = sizes.get(index);
            copyCrop(pixels.get(index), size[0], random.nextInt(size[0] - cropSize + 1),
                    random.nextInt(size[1] - cropSize + 1), 0, data, b);
        }
        return Nd4j.create(data, new long[] {batch, 3, cropSize, cropSize}, 'c');
    }

    /** Copies one crop, transformed by one of the 8 symmetries of the square, into planar batch slot {@code b}. */
    private void copyCrop(int[] pixels, int width, int x0, int y0, int symmetry, float[] out, int b) {
        int plane = cropSize * cropSize;
        int base = b * 3 * plane;
        int last = cropSize - 1;
        for (int r = 0; r < cropSize; r++) {
            for (int c = 0; c < cropSize; c++) {
                int sr = (symmetry & 4) != 0 ? c : r;
                int sc = (symmetry & 4) != 0 ? r : c;
                sr = (symmetry & 1) != 0 ? last - sr : sr;
                sc = (symmetry & 2) != 0 ? last - sc : sc;
                int rgb = pixels[(y0 + sr) * width + x0 + sc];
                int o = base + r * cropSize + c;
                out[o] = Images.toModel((rgb >> 16) & 0xff);
                out[o + plane] = Images.toModel((rgb >> 8) & 0xff);
                out[o + 2 * plane] = Images.toModel(rgb & 0xff);
            }
        }
    }
}
