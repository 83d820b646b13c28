package io.huvr.format;

import com.google.protobuf.ByteString;
import io.huvr.format.proto.AlphaCoding;
import io.huvr.format.proto.ColorModel;
import io.huvr.format.proto.EntropyCoder;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.ReconstructionFilter;
import io.huvr.format.proto.ModelHeader;
import io.huvr.format.proto.OperatingPoint;
import io.huvr.format.proto.Quantization;
import io.huvr.format.proto.TokenLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid headers, chunk lists and model files that tests, fuzzing and the vectors start from. */
final class Samples {

    /** An arbitrary but fixed model digest (the container never checks it against a model). */
    static final ByteString MODEL_SHA256 = ByteString.copyFrom(ascending(32, 0xA0));

    private Samples() {
    }

    /** A valid header: patch 8, tile {@code tileSize}, RANS, operating point 2, alpha coding to match the colour model. */
    static ImageHeader.Builder header(int width, int height, ColorModel color, int tileSize) {
        boolean alpha = color == ColorModel.RGBA || color == ColorModel.GREY_ALPHA;
        return ImageHeader.newBuilder()
                .setWidth(width)
                .setHeight(height)
                .setColorModel(color)
                .setBitDepth(8)
                .setModelSha256(MODEL_SHA256)
                .setLayout(layout(width, height, tileSize))
                .setQuantization(Quantization.newBuilder().setOperatingPoint(2).setStepScale(1.25f))
                .setEntropyCoder(EntropyCoder.RANS)
                .setAlphaCoding(alpha ? AlphaCoding.ALPHA_ZSTD_LOSSLESS : AlphaCoding.ALPHA_NONE)
                .setOrientation(1);
    }

    static TokenLayout layout(int width, int height, int tileSize) {
        return TokenLayout.newBuilder()
                .setPatchSize(8)
                .setTileSize(tileSize)
                .setTilesX((width + tileSize - 1) / tileSize)
                .setTilesY((height + tileSize - 1) / tileSize)
                .setPatchTokenDim(16)
                .setGlobalTokenDim(32)
                .build();
    }

    /** {@code count} TILE chunks of different lengths and contents. */
    static List<Chunk> tiles(int count) {
        List<Chunk> tiles = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            tiles.add(Chunk.tile(ascending(5 + 3 * index, index)));
        }
        return tiles;
    }

    /** The valid images every round trip, fuzz run and vector set starts from, by vector name. */
    static Map<String, HuvrImage> images() {
        Map<String, HuvrImage> images = new LinkedHashMap<>();
        images.put("valid-grey-1x1", new HuvrImage(header(1, 1, ColorModel.GREY, 8).build(), tiles(1)));

        ImageHeader rgb = header(150, 100, ColorModel.RGB, 64)
                .setOrientation(6)
                .setIccProfile(ByteString.copyFrom(ascending(48, 7)))
                .putMetadata("creator", "huvr vector generator")
                .putMetadata("title", "Ünïcødé title")
                .build();
        images.put("valid-rgb-3x2-tiles-icc-metadata", new HuvrImage(rgb, tiles(6)));

        ImageHeader rgba16 = header(40, 30, ColorModel.RGBA, 32).setBitDepth(16).build();
        List<Chunk> rgbaChunks = new ArrayList<>(tiles(2));
        rgbaChunks.add(Chunk.alpha(ascending(20, 3)));
        rgbaChunks.add(new Chunk(Chunk.EXIF, "MM\0*\0\0\0\b\0\0".getBytes(StandardCharsets.ISO_8859_1)));
        rgbaChunks.add(new Chunk(Chunk.XMP, "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>".getBytes(StandardCharsets.UTF_8)));
        rgbaChunks.add(new Chunk(Chunk.fourcc("noTe"), "an ancillary chunk a decoder skips".getBytes(StandardCharsets.UTF_8)));
        images.put("valid-rgba16-alpha-exif-xmp-ancillary", new HuvrImage(rgba16, rgbaChunks));

        ImageHeader greyAlpha = header(8, 8, ColorModel.GREY_ALPHA, 8).setEntropyCoder(EntropyCoder.ZSTD)
                .setOrientation(0).build();
        images.put("valid-grey-alpha-zstd-empty-payloads",
                new HuvrImage(greyAlpha, List.of(Chunk.tile(new byte[0]), Chunk.alpha(new byte[0]))));

        List<Chunk> filtered = new ArrayList<>(tiles(4));
        filtered.add(Chunk.filter(filter(1, 10).toByteArray()));
        images.put("valid-rgb-filter-version-1-1", new HuvrImage(header(128, 128, ColorModel.RGB, 64).build(), filtered));
        return images;
    }

    /** A valid reconstruction filter: taps -7, -6, ... up to the count the radius needs. */
    static ReconstructionFilter filter(int radius, int fractionBits) {
        ReconstructionFilter.Builder filter = ReconstructionFilter.newBuilder().setRadius(radius).setFractionBits(fractionBits);
        for (int i = 0; i < ReconstructionFilters.tapCount(radius); i++) {
            filter.addTaps(i - 7);
        }
        return filter.build();
    }

    /** A valid model header without tensor infos. */
    static ModelHeader modelHeader() {
        return ModelHeader.newBuilder()
                .setArchitecture("huvr-inr-v1")
                .setName("vector-tiny")
                .putIntParams("patch_size", 8)
                .putIntParams("tintok_dim", 16)
                .putFloatParams("rope_theta", 100.0)
                .addOperatingPoints(OperatingPoint.newBuilder().setName("q1").setStepScale(2.0f).setNominalBpp(0.25f))
                .addOperatingPoints(OperatingPoint.newBuilder().setName("q2").setStepScale(1.0f).setNominalBpp(0.5f))
                .setCdfPrecisionBits(16)
                .build();
    }

    static List<Tensor> modelTensors() {
        return List.of(
                Tensor.ofFloats("decoder/out/weight", new int[] {2, 3}, new float[] {0.5f, -1.25f, 3e-8f, Float.MAX_VALUE, -0.0f, 7f}),
                Tensor.ofFloats("decoder/out/bias", new int[] {3}, new float[] {0.1f, 0.2f, 0.3f}),
                Tensor.ofInts("entropy/cdf", new int[] {2, 4}, new int[] {0, 30000, 65000, 65536, 0, 1, 2, 65536}));
    }

    /** {@code length} bytes counting up from {@code start}: recognisable in a hex dump. */
    static byte[] ascending(int length, int start) {
        byte[] bytes = new byte[length];
        for (int index = 0; index < length; index++) {
            bytes[index] = (byte) (start + index);
        }
        return bytes;
    }
}
