package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huvr.format.HuvrFormatException.Reason;
import io.huvr.format.proto.ColorModel;
import io.huvr.format.proto.ModelHeader;
import io.huvr.format.proto.TensorInfo;
import io.huvr.format.proto.TensorType;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Files that claim far more bytes than they hold fail as TRUNCATED after allocating about what they hold. */
class BoundedAllocationTest {

    private static final long BUDGET_BYTES = 1024 * 1024;

    private static void assertTruncatedCheaply(Executable read) {
        long before = AllocationMeter.allocatedBytes();
        HuvrFormatException thrown = assertThrows(HuvrFormatException.class, read);
        long allocated = AllocationMeter.allocatedBytes() - before;
        assertEquals(Reason.TRUNCATED, thrown.reason(), thrown.getMessage());
        assertTrue(allocated < BUDGET_BYTES, "allocated " + allocated + " bytes");
    }

    @Test
    void chunkClaimingSixtyMebibytesInAShortFile() {
        byte[] file = RawContainer.image(Samples.header(8, 8, ColorModel.GREY, 8).build(), List.of(Chunk.tile(new byte[8])));
        RawContainer.putU32(file, RawContainer.chunkLengthOffset(file, 0), 60L * 1024 * 1024);
        RawContainer.fixImageChecksums(file);
        assertTruncatedCheaply(() -> HuvrReader.read(file));
    }

    @Test
    void headerClaimingTheLimitInATwentyByteFile() {
        byte[] file = Arrays.copyOf("HUVR".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 20);
        file[4] = 1;
        RawContainer.putU32(file, 8, Limits.MAX_HEADER_BYTES);
        assertTruncatedCheaply(() -> HuvrReader.read(file));
    }

    @Test
    void tensorClaimingOneGibibyteWithoutData() {
        ModelHeader header = Samples.modelHeader().toBuilder().addTensors(TensorInfo.newBuilder().setName("big")
                .setType(TensorType.FLOAT32).addShape(1 << 28).setByteLength(1L << 30)).build();
        byte[] file = RawContainer.model(header, List.of(new byte[100]));
        assertTruncatedCheaply(() -> ModelFileReader.read(new ByteArrayInputStream(file)));
    }
}
