package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.TokenLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation loop over valid images: raw byte mutations, header field edits and chunk list edits, each
 * with checksums recomputed half of the time so that mutations reach the rules behind them.
 */
class ImageFuzzTest {

    private static final int ITERATIONS = 200_000;
    private static final long SEED = 0x5EED_0001L;

    private static final int[] INTERESTING_INTS = {0, 1, 2, 3, 7, 8, 9, 16, 60, 63, 64, 65, 255, 256, 1024, 1025, 4096,
        4097, 65535, 65536, Integer.MAX_VALUE, -1};
    private static final float[] INTERESTING_SCALES = {0f, -0f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE, 1f};
    private static final int[] CHUNK_TYPES = {Chunk.TILE, Chunk.ALPH, Chunk.EXIF, Chunk.XMP, Chunk.fourcc("noTe"),
        Chunk.fourcc("QUUX"), Chunk.fourcc("1abc"), 0, 0x54494C00};

    private final Random random = new Random(SEED);
    private final ByteMutator bytes = new ByteMutator(random);

    @Test
    void mutatedImagesRaiseOnlyFormatExceptions() throws IOException {
        List<HuvrImage> seeds = List.copyOf(Samples.images().values());
        List<byte[]> seedFiles = new ArrayList<>();
        for (HuvrImage seed : seeds) {
            seedFiles.add(RawContainer.image(seed.header(), seed.chunks()));
        }
        FuzzHarness<HuvrImage> harness = new FuzzHarness<>("image", HuvrReader::read, ImageFuzzTest::rewritesIdentically);
        harness.warmUp(seedFiles);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            int seedIndex = random.nextInt(seeds.size());
            byte[] input = switch (random.nextInt(4)) {
                case 0 -> mutatedHeader(seeds.get(seedIndex));
                case 1 -> mutatedChunks(seeds.get(seedIndex));
                default -> mutatedBytes(seedFiles.get(seedIndex), seeds.get(seedIndex), seedFiles);
            };
            if (random.nextBoolean()) {
                RawContainer.fixImageChecksums(input);
            }
            harness.feed(input);
        }
        System.out.println(harness.summary());
        assertEquals(ITERATIONS, harness.iterations());
        assertTrue(harness.distinctReasons() >= 25, harness.summary());
    }

    /** Whatever the reader accepts, the writer writes, and the result reads back the same. */
    private static void rewritesIdentically(HuvrImage image) throws IOException {
        HuvrImage again = HuvrReader.read(HuvrWriter.toBytes(image.header(), image.chunks()));
        assertEquals(image.header(), again.header());
        assertEquals(image.chunks(), again.chunks());
    }

    private byte[] mutatedBytes(byte[] file, HuvrImage structure, List<byte[]> donors) {
        int chunkCount = structure.chunks().size();
        int[] lengthFields = IntStream.concat(IntStream.of(8, RawContainer.chunkTableOffset(file)),
                IntStream.range(0, chunkCount).map(i -> RawContainer.chunkLengthOffset(file, i))).toArray();
        byte[] mutated = file;
        int rounds = 1 + random.nextInt(3);
        for (int round = 0; round < rounds; round++) {
            mutated = bytes.mutate(mutated, lengthFields, donors);
        }
        return mutated;
    }

    private byte[] mutatedHeader(HuvrImage seed) {
        ImageHeader.Builder header = seed.header().toBuilder();
        TokenLayout.Builder layout = header.getLayoutBuilder();
        switch (random.nextInt(16)) {
            case 0 -> header.setWidth(anyInt());
            case 1 -> header.setHeight(anyInt());
            case 2 -> header.setColorModelValue(random.nextInt(7) - 1);
            case 3 -> header.setBitDepth(anyInt());
            case 4 -> header.setModelSha256(ByteString.copyFrom(new byte[30 + random.nextInt(4)]));
            case 5 -> layout.setPatchSize(anyInt());
            case 6 -> layout.setTileSize(anyInt());
            case 7 -> layout.setTilesX(anyInt()).setTilesY(anyInt());
            case 8 -> layout.setPatchTokenDim(anyInt()).setGlobalTokenDim(anyInt());
            case 9 -> header.getQuantizationBuilder().setOperatingPoint(anyInt());
            case 10 -> header.getQuantizationBuilder().setStepScale(INTERESTING_SCALES[random.nextInt(INTERESTING_SCALES.length)]);
            case 11 -> header.setEntropyCoderValue(random.nextInt(6) - 1).setAlphaCodingValue(random.nextInt(4) - 1);
            case 12 -> header.setOrientation(anyInt());
            case 13 -> IntStream.range(0, random.nextInt(70)).forEach(i -> header.putMetadata("k" + i, "v".repeat(random.nextInt(80))));
            case 14 -> header.putMetadata("long", "v".repeat(Limits.MAX_METADATA_ENTRY_BYTES - 4 + random.nextInt(3)));
            default -> {
                if (random.nextBoolean()) {
                    header.clearLayout();
                } else {
                    header.clearQuantization();
                }
                header.setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(100 + random.nextInt(1000), UnknownFieldSet.Field.newBuilder().addVarint(random.nextLong()).build())
                        .build());
            }
        }
        List<Chunk> chunks = new ArrayList<>(seed.chunks());
        if (random.nextBoolean()) {
            matchTilesToSize(header, chunks);
        }
        return RawContainer.image(header.build(), chunks);
    }

    /** Makes tiles_x, tiles_y and the TILE chunks fit the (mutated) size, so later rules get their turn. */
    private static void matchTilesToSize(ImageHeader.Builder header, List<Chunk> chunks) {
        long tile = Integer.toUnsignedLong(header.getLayout().getTileSize());
        if (tile == 0) {
            return;
        }
        long tilesX = (Integer.toUnsignedLong(header.getWidth()) + tile - 1) / tile;
        long tilesY = (Integer.toUnsignedLong(header.getHeight()) + tile - 1) / tile;
        if (tilesX * tilesY > 300) {
            return;
        }
        header.getLayoutBuilder().setTilesX((int) tilesX).setTilesY((int) tilesY);
        chunks.removeIf(chunk -> chunk.fourcc() == Chunk.TILE);
        chunks.addAll(0, Samples.tiles((int) (tilesX * tilesY)));
    }

    private byte[] mutatedChunks(HuvrImage seed) {
        List<Chunk> chunks = new ArrayList<>(seed.chunks());
        int edits = 1 + random.nextInt(2);
        for (int edit = 0; edit < edits; edit++) {
            int at = random.nextInt(chunks.size() + 1);
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (!chunks.isEmpty()) {
                        chunks.remove(Math.min(at, chunks.size() - 1));
                    }
                }
                case 1 -> {
                    if (!chunks.isEmpty()) {
                        chunks.add(at, chunks.get(random.nextInt(chunks.size())));
                    }
                }
                case 2 -> {
                    byte[] payload = new byte[random.nextInt(40)];
                    random.nextBytes(payload);
                    int fourcc = random.nextInt(8) == 0 ? random.nextInt() : CHUNK_TYPES[random.nextInt(CHUNK_TYPES.length)];
                    chunks.add(at, new Chunk(fourcc, payload));
                }
                default -> {
                    if (chunks.size() > 1) {
                        Collections.swap(chunks, random.nextInt(chunks.size()), random.nextInt(chunks.size()));
                    }
                }
            }
        }
        return RawContainer.image(seed.header(), chunks);
    }

    private int anyInt() {
        return random.nextInt(4) == 0 ? random.nextInt() : INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
    }
}
