package io.huvr.codec.entropy;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.huvr.format.proto.EntropyCoder;
import org.junit.jupiter.api.Test;

class EntropyCodersTest {

    @Test
    void headerIdsNameTheirCoders() throws EntropyCodingException {
        assertInstanceOf(RansCoder.class, EntropyCoders.forId(EntropyCoder.RANS_VALUE));
        assertInstanceOf(ZstdCoder.class, EntropyCoders.forId(EntropyCoder.ZSTD_VALUE));
    }

    @Test
    void otherIdsAreRejected() {
        for (int id : new int[] {EntropyCoder.ENTROPY_CODER_UNSPECIFIED_VALUE, 3, -1}) {
            assertThrows(EntropyCodingException.class, () -> EntropyCoders.forId(id), "id " + id);
        }
    }
}
