package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huvr.format.proto.ModelHeader;
import io.huvr.format.proto.OperatingPoint;
import io.huvr.format.proto.TensorInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A seeded mutation loop over valid model files, like {@link ImageFuzzTest}. */
class ModelFuzzTest {

    private static final int ITERATIONS = 40_000;
    private static final long SEED = 0x5EED_0002L;
    private static final int[] INTERESTING_INTS = {0, 1, 2, 3, 4, 8, 16, 17, 255, 1 << 16, 1 << 28, 1 << 30, Integer.MAX_VALUE, -1};
    private static final long[] INTERESTING_LENGTHS = {0, 4, 8, 12, 24, 1L << 30, (1L << 30) + 4, 1L << 40, -1};

    private final Random random = new Random(SEED);
    private final ByteMutator bytes = new ByteMutator(random);

    @Test
    void mutatedModelFilesRaiseOnlyFormatExceptions() throws IOException {
        List<ModelHeader> seedHeaders = new ArrayList<>();
        List<List<byte[]>> seedData = new ArrayList<>();
        addSeed(seedHeaders, seedData, Samples.modelHeader(), Samples.modelTensors());
        addSeed(seedHeaders, seedData, Samples.modelHeader().toBuilder().clearOperatingPoints().clearFloatParams().build(),
                List.of(Tensor.ofInts("entropy/cdf", new int[] {1, 1, 1, 1, 1, 1, 1, 2}, new int[] {0, 65536})));
        List<byte[]> seedFiles = new ArrayList<>();
        for (int index = 0; index < seedHeaders.size(); index++) {
            seedFiles.add(RawContainer.model(seedHeaders.get(index), seedData.get(index)));
        }

        FuzzHarness<ModelFile> harness = new FuzzHarness<>("model",
                input -> ModelFileReader.read(new ByteArrayInputStream(input)), ModelFuzzTest::rewritesIdentically);
        harness.warmUp(seedFiles);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            int seed = random.nextInt(seedFiles.size());
            byte[] input;
            if (random.nextBoolean()) {
                input = RawContainer.model(mutatedHeader(seedHeaders.get(seed)), mutatedData(seedData.get(seed)));
            } else {
                input = seedFiles.get(seed);
                int rounds = 1 + random.nextInt(3);
                for (int round = 0; round < rounds; round++) {
                    input = bytes.mutate(input, new int[] {12}, seedFiles);
                }
            }
            if (random.nextBoolean()) {
                RawContainer.fixModelHeaderChecksum(input);
            }
            harness.feed(input);
        }
        System.out.println(harness.summary());
        assertEquals(ITERATIONS, harness.iterations());
        assertTrue(harness.distinctReasons() >= 18, harness.summary());
    }

    private static void addSeed(List<ModelHeader> headers, List<List<byte[]>> data, ModelHeader header, List<Tensor> tensors) {
        ModelHeader.Builder complete = header.toBuilder();
        tensors.forEach(tensor -> complete.addTensors(tensor.info()));
        headers.add(complete.build());
        data.add(tensors.stream().map(Tensor::data).toList());
    }

    /** Whatever the reader accepts, the writer writes, and the result reads back the same. */
    private static void rewritesIdentically(ModelFile model) throws IOException {
        ModelFile again = ModelFileReader.read(new ByteArrayInputStream(
                ModelFileWriter.toBytes(model.header(), List.copyOf(model.tensors().values()))));
        assertEquals(model.header(), again.header());
        assertEquals(model.tensors().keySet(), again.tensors().keySet());
        model.tensors().forEach((name, tensor) -> assertArrayEquals(tensor.data(), again.tensor(name).data()));
    }

    private ModelHeader mutatedHeader(ModelHeader seed) {
        ModelHeader.Builder header = seed.toBuilder();
        int tensor = random.nextInt(header.getTensorsCount());
        TensorInfo.Builder info = header.getTensorsBuilder(tensor);
        switch (random.nextInt(12)) {
            case 0 -> header.setArchitecture(random.nextBoolean() ? "" : "a".repeat(250 + random.nextInt(10)));
            case 1 -> header.putFloatParams("p", random.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY);
            case 2 -> header.putIntParams(random.nextBoolean() ? "" : "x".repeat(257), 1);
            case 3 -> header.addOperatingPoints(OperatingPoint.newBuilder().setStepScale(random.nextFloat() * 2 - 1)
                    .setNominalBpp(random.nextFloat() * 2 - 1));
            case 4 -> header.setCdfPrecisionBits(anyInt());
            case 5 -> info.setName(random.nextBoolean() ? "" : header.getTensors((tensor + 1) % header.getTensorsCount()).getName());
            case 6 -> info.setTypeValue(random.nextInt(5) - 1);
            case 7 -> info.clearShape();
            case 8 -> info.addShape(anyInt());
            case 9 -> info.setShape(0, anyInt());
            case 10 -> info.setByteLength(INTERESTING_LENGTHS[random.nextInt(INTERESTING_LENGTHS.length)]);
            default -> info.setCrc32C(random.nextInt());
        }
        return header.build();
    }

    private List<byte[]> mutatedData(List<byte[]> seed) {
        List<byte[]> data = new ArrayList<>(seed);
        switch (random.nextInt(3)) {
            case 0 -> data.remove(random.nextInt(data.size()));
            case 1 -> data.add(new byte[4 * random.nextInt(3)]);
            default -> {
                // unchanged: header mutations alone
            }
        }
        return data;
    }

    private int anyInt() {
        return random.nextInt(4) == 0 ? random.nextInt() : INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
    }
}
