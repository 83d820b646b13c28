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
        assertThrows(EntropyCodingException.class, () -> EntropyCoders.forId(EntropyCoder.ENTROPY_CODER_UNSPECIFIED_VALUE));
        assertThrows(EntropyCodingException.class, () -> EntropyCoders.forId(3));
        assertThrows(EntropyCodingException.class, () -> EntropyCoders.forId(-1));
    }
}
