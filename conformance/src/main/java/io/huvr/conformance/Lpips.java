package io.huvr.conformance;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LPIPS (Zhang et al. 2018), version 0.1, in plain Java: a convolutional feature network (AlexNet's
 * five conv+ReLU stages for the official metric), each stage's features unit-normalised across
 * channels, squared differences weighted per channel by the learned linear layer, averaged over
 * space and summed over stages. Images enter as RGB in [-1, 1] through LPIPS's scaling layer.
 *
 * <p>Weights come from a file in the format {@link #load} documents, made from the official
 * PyTorch checkpoints by {@code conformance/tools/convert_lpips_weights.py}.
 */
public final class Lpips {
    /** The weight file's first 8 bytes. */
    public static final byte[] MAGIC = "LPIPSW01".getBytes(StandardCharsets.US_ASCII);

    private static final float[] SHIFT = {-0.030f, -0.088f, -0.188f};
    private static final float[] SCALE = {0.458f, 0.448f, 0.450f};

    /**
     * One conv+ReLU stage; {@code poolBefore} applies a 3x3 stride-2 max pool to its input first.
     * The stage's weights are {@code features.{index}.weight [out, in, k, k]} and {@code .bias [out]}.
     */
    public record Stage(int index, int in, int out, int kernel, int stride, int padding, boolean poolBefore) {
    }

    /** torchvision's AlexNet feature stages, whose ReLU outputs LPIPS compares. */
    public static final List<Stage> ALEXNET = List.of(
            new Stage(0, 3, 64, 11, 4, 2, false),
            new Stage(3, 64, 192, 5, 1, 2, true),
            new Stage(6, 192, 384, 3, 1, 1, true),
            new Stage(8, 384, 256, 3, 1, 1, false),
            new Stage(10, 256, 256, 3, 1, 1, false));

    private final List<Stage> stages;
    private final float[][] weights;
    private final float[][] biases;
    private final float[][] linear;

    /** A network from named tensors: {@code features.*} of every stage and {@code lin{k}.model.1.weight [1, out_k, 1, 1]}. */
    public Lpips(List<Stage> stages, Map<String, float[]> tensors) throws IOException {
        this.stages = List.copyOf(stages);
        weights = new float[stages.size()][];
        biases = new float[stages.size()][];
        linear = new float[stages.size()][];
        for (int k = 0; k < stages.size(); k++) {
            Stage s = stages.get(k);
            weights[k] = required(tensors, "features." + s.index() + ".weight", s.out() * s.in() * s.kernel() * s.kernel());
            biases[k] = required(tensors, "features." + s.index() + ".bias", s.out());
            linear[k] = required(tensors, "lin" + k + ".model.1.weight", s.out());
        }
    }

    /** The official AlexNet LPIPS v0.1 from a converted weight file. */
    public static Lpips load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Lpips(ALEXNET, readTensors(in));
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }

    /**
     * Reads the weight file format: the 8 bytes {@code LPIPSW01}, a u32 tensor count, then per tensor a
     * u16 name length, the UTF-8 name, a u8 rank, rank u32 dimensions and the float32 values
     * row-major; every integer and float little-endian.
     */
    static Map<String, float[]> readTensors(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not an LPIPS weight file (magic " + new String(magic, StandardCharsets.US_ASCII) + ")");
        }
        int count = Integer.reverseBytes(in.readInt());
        if (count < 0 || count > 1024) {
            throw new IOException("LPIPS weight file declares " + count + " tensors");
        }
        Map<String, float[]> tensors = new HashMap<>();
        for (int t = 0; t < count; t++) {
            String name = new String(in.readNBytes(Short.toUnsignedInt(Short.reverseBytes(in.readShort()))),
                    StandardCharsets.UTF_8);
            int rank = in.readUnsignedByte();
            long elements = 1;
            for (int r = 0; r < rank; r++) {
                elements *= Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            }
            if (elements > 1 << 26) {
                throw new IOException("LPIPS tensor " + name + " has " + elements + " elements");
            }
            byte[] bytes = in.readNBytes((int) elements * 4);
            if (bytes.length != elements * 4) {
                throw new EOFException();
            }
            float[] values = new float[(int) elements];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            tensors.put(name, values);
        }
        return tensors;
    }

    private static float[] required(Map<String, float[]> tensors, String name, int length) throws IOException {
        float[] values = tensors.get(name);
        if (values == null || values.length != length) {
            throw new IOException("LPIPS weights need " + name + " with " + length + " values, got "
                    + (values == null ? "none" : values.length));
        }
        return values;
    }

    /** The LPIPS distance of two equal-size RGB images, NaN when they are too small for every stage. */
    public double distance(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("images differ in size");
        }
        Features x = scaled(a);
        Features y = scaled(b);
        double total = 0;
        for (int k = 0; k < stages.size(); k++) {
            Stage s = stages.get(k);
            if (s.poolBefore()) {
                x = x.maxPool();
                y = y.maxPool();
            }
            x = x.convRelu(s, weights[k], biases[k]);
            y = y.convRelu(s, weights[k], biases[k]);
            if (x.height < 1 || x.width < 1) {
                return Double.NaN;
            }
            total += weightedDistance(x, y, linear[k]);
        }
        return total;
    }

    /** Mean over positions of {@code sum_c w_c (x_c / |x| - y_c / |y|)^2}, norms over channels plus 1e-10. */
    private static double weightedDistance(Features x, Features y, float[] w) {
        int plane = x.height * x.width;
        double sum = 0;
        for (int p = 0; p < plane; p++) {
            double normX = 0;
            double normY = 0;
            for (int c = 0; c < x.channels; c++) {
                normX += (double) x.values[c * plane + p] * x.values[c * plane + p];
                normY += (double) y.values[c * plane + p] * y.values[c * plane + p];
            }
            normX = Math.sqrt(normX) + 1e-10;
            normY = Math.sqrt(normY) + 1e-10;
            for (int c = 0; c < x.channels; c++) {
                double d = x.values[c * plane + p] / normX - y.values[c * plane + p] / normY;
                sum += w[c] * d * d;
            }
        }
        return sum / plane;
    }

    private static Features scaled(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] values = new float[3 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    float v = (rgb >> (16 - 8 * c) & 0xff) / 127.5f - 1f;
                    values[(c * height + y) * width + x] = (v - SHIFT[c]) / SCALE[c];
                }
            }
        }
        return new Features(3, height, width, values);
    }

    /** A feature map {@code [channels, height, width]}. */
    private record Features(int channels, int height, int width, float[] values) {

        Features convRelu(Stage s, float[] w, float[] bias) {
            int k = s.kernel();
            int outHeight = Math.floorDiv(height + 2 * s.padding() - k, s.stride()) + 1;
            int outWidth = Math.floorDiv(width + 2 * s.padding() - k, s.stride()) + 1;
            if (outHeight < 1 || outWidth < 1) {
                return new Features(s.out(), 0, 0, new float[0]);
            }
            float[] out = new float[s.out() * outHeight * outWidth];
            int plane = outHeight * outWidth;
            for (int o = 0; o < s.out(); o++) {
                Arrays.fill(out, o * plane, (o + 1) * plane, bias[o]);
                for (int c = 0; c < channels; c++) {
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            float weight = w[((o * channels + c) * k + ky) * k + kx];
                            for (int oy = 0; oy < outHeight; oy++) {
                                int iy = oy * s.stride() + ky - s.padding();
                                if (iy < 0 || iy >= height) {
                                    continue;
                                }
                                int row = (c * height + iy) * width;
                                int target = o * plane + oy * outWidth;
                                for (int ox = 0; ox < outWidth; ox++) {
                                    int ix = ox * s.stride() + kx - s.padding();
                                    if (ix >= 0 && ix < width) {
                                        out[target + ox] += weight * values[row + ix];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(0f, out[i]);
            }
            return new Features(s.out(), outHeight, outWidth, out);
        }

        /** 3x3 max pooling with stride 2 and no padding, as torchvision's AlexNet. */
        Features maxPool() {
            int outHeight = height < 3 ? 0 : (height - 3) / 2 + 1;
            int outWidth = width < 3 ? 0 : (width - 3) / 2 + 1;
            float[] out = new float[channels * outHeight * outWidth];
            for (int c = 0; c < channels; c++) {
                for (int oy = 0; oy < outHeight; oy++) {
                    for (int ox = 0; ox < outWidth; ox++) {
                        float max = Float.NEGATIVE_INFINITY;
                        for (int dy = 0; dy < 3; dy++) {
                            for (int dx = 0; dx < 3; dx++) {
                                max = Math.max(max, values[(c * height + 2 * oy + dy) * width + 2 * ox + dx]);
                            }
                        }
                        out[(c * outHeight + oy) * outWidth + ox] = max;
                    }
                }
            }
            return new Features(channels, outHeight, outWidth, out);
        }
    }
}
