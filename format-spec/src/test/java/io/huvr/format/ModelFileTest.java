package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huvr.format.proto.ModelHeader;
import io.huvr.format.proto.TensorType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @Test
    void writtenModelReadsBackWithTensorsInOrderAndItsDigest() throws IOException, NoSuchAlgorithmException {
        byte[] file = ModelFileWriter.toBytes(Samples.modelHeader(), Samples.modelTensors());
        ModelFile model = ModelFileReader.read(new ByteArrayInputStream(file));

        assertEquals(List.of("decoder/out/weight", "decoder/out/bias", "entropy/cdf"), List.copyOf(model.tensors().keySet()));
        Tensor weight = model.tensor("decoder/out/weight");
        assertEquals("decoder/out/weight", weight.name());
        assertArrayEquals(Samples.modelTensors().get(0).floats(), weight.floats());
        assertArrayEquals(new int[] {2, 3}, weight.shape());
        assertEquals(TensorType.INT32, model.tensor("entropy/cdf").info().getType());
        assertArrayEquals(new int[] {0, 30000, 65000, 65536, 0, 1, 2, 65536}, model.tensor("entropy/cdf").ints());
        assertEquals(Samples.modelHeader().getIntParamsMap(), model.header().getIntParamsMap());
        assertEquals(Samples.modelHeader().getOperatingPointsList(), model.header().getOperatingPointsList());

        byte[] expectedDigest = MessageDigest.getInstance("SHA-256").digest(file);
        assertArrayEquals(expectedDigest, model.sha256());
        assertEquals(HexFormat.of().formatHex(expectedDigest), model.sha256Hex());
    }

    @Test
    void writerFillsInLengthsAndChecksumsAndReplacesGivenInfos() throws IOException {
        ModelHeader staleInfos = Samples.modelHeader().toBuilder().addTensors(Samples.modelTensors().get(2).info()).build();
        ModelFile model = ModelFileReader.read(new ByteArrayInputStream(
                ModelFileWriter.toBytes(staleInfos, Samples.modelTensors())));
        assertEquals(3, model.header().getTensorsCount());
        assertEquals(24, model.header().getTensors(0).getByteLength());
        assertEquals(Checksums.crc32c(Samples.modelTensors().get(0).data()), model.header().getTensors(0).getCrc32C());
    }

    @Test
    void writerOutputIsTheSpecifiedLayout() throws IOException {
        ModelHeader.Builder complete = Samples.modelHeader().toBuilder();
        Samples.modelTensors().forEach(tensor -> complete.addTensors(tensor.info()));
        List<byte[]> data = Samples.modelTensors().stream().map(Tensor::data).toList();
        assertArrayEquals(RawContainer.model(complete.build(), data),
                ModelFileWriter.toBytes(Samples.modelHeader(), Samples.modelTensors()));
    }

    @Test
    void readsFromAPath(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("tiny.huvrm");
        Files.write(file, ModelFileWriter.toBytes(Samples.modelHeader(), Samples.modelTensors()));
        assertEquals(3, ModelFileReader.read(file).tensors().size());
    }

    @Test
    void missingTensorIsAClearError() throws IOException {
        ModelFile model = ModelFileReader.read(new ByteArrayInputStream(
                ModelFileWriter.toBytes(Samples.modelHeader(), Samples.modelTensors())));
        NoSuchElementException thrown = assertThrows(NoSuchElementException.class, () -> model.tensor("encoder/patch_embed"));
        assertTrue(thrown.getMessage().contains("'encoder/patch_embed'"), thrown.getMessage());
    }

    @Test
    void tensorFactoriesCheckShapeAndAccessorsCheckType() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.ofFloats("w", new int[] {2, 2}, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Tensor.ofInts("w", new int[] {0}, new int[0]));
        assertThrows(IllegalStateException.class, () -> Samples.modelTensors().get(2).floats());
        assertThrows(IllegalStateException.class, () -> Samples.modelTensors().get(0).ints());
        assertEquals(3 * 4, Tensor.ofInts("b", new int[] {3}, new int[] {1, 2, 3}).info().getByteLength());
    }

    @Test
    void tensorDataIsLittleEndian() {
        byte[] data = Tensor.ofInts("one", new int[] {1}, new int[] {0x01020304}).data();
        assertArrayEquals(new byte[] {4, 3, 2, 1}, data);
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F}, Tensor.ofFloats("f", new int[] {1}, new float[] {1f}).data());
    }
}
