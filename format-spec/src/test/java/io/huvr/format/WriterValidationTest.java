package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.huvr.format.HuvrFormatException.Reason;
import io.huvr.format.proto.ColorModel;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.ModelHeader;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writers refuse what the readers reject, and write nothing when they refuse. */
class WriterValidationTest {

    private static final ImageHeader RGB_2X2_TILES = Samples.header(128, 128, ColorModel.RGB, 64).build();

    private static void assertImageRefused(Reason reason, ImageHeader header, List<Chunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HuvrFormatException thrown = assertThrows(HuvrFormatException.class, () -> HuvrWriter.write(header, chunks, out));
        assertEquals(reason, thrown.reason(), thrown.getMessage());
        assertEquals(0, out.size(), "nothing written");
    }

    @Test
    void refusesInvalidHeaders() {
        assertImageRefused(Reason.INVALID_BIT_DEPTH, RGB_2X2_TILES.toBuilder().setBitDepth(10).build(), Samples.tiles(4));
        assertImageRefused(Reason.INVALID_LAYOUT, RGB_2X2_TILES.toBuilder().clearLayout().build(), Samples.tiles(4));
    }

    @Test
    void refusesInvalidChunkLists() {
        assertImageRefused(Reason.TILE_COUNT_MISMATCH, RGB_2X2_TILES, Samples.tiles(5));
        List<Chunk> withAlpha = new ArrayList<>(Samples.tiles(4));
        withAlpha.add(Chunk.alpha(new byte[1]));
        assertImageRefused(Reason.UNEXPECTED_ALPHA, RGB_2X2_TILES, withAlpha);
        List<Chunk> unknown = new ArrayList<>(Samples.tiles(4));
        unknown.add(new Chunk(Chunk.fourcc("ABCD"), new byte[1]));
        assertImageRefused(Reason.UNKNOWN_CRITICAL_CHUNK, RGB_2X2_TILES, unknown);
        assertImageRefused(Reason.MISSING_ALPHA, Samples.header(128, 128, ColorModel.RGBA, 64).build(), Samples.tiles(4));
    }

    @Test
    void refusesInvalidModels() {
        ModelHeader header = Samples.modelHeader().toBuilder().setCdfPrecisionBits(0).build();
        HuvrFormatException thrown = assertThrows(HuvrFormatException.class,
                () -> ModelFileWriter.toBytes(header, Samples.modelTensors()));
        assertEquals(Reason.MODEL_INVALID_CDF_PRECISION, thrown.reason());
        List<Tensor> duplicated = List.of(Samples.modelTensors().get(0), Samples.modelTensors().get(0));
        thrown = assertThrows(HuvrFormatException.class, () -> ModelFileWriter.toBytes(Samples.modelHeader(), duplicated));
        assertEquals(Reason.TENSOR_DUPLICATE_NAME, thrown.reason());
    }
}
