package io.huvr.kafka;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.image.Images;
import io.huvr.format.HuvrFormatException;
import io.huvr.format.HuvrImage;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HuvrImageSerdeTest {
    private final HuvrImageSerde serde = new HuvrImageSerde();

    @Test
    void bitstreamsRoundTripByteForByte() throws Exception {
        byte[] bitstream = new HuvrEncoder(TestModels.tiny()).encode(Images.readRgb(TestImages.png(5)), EncodeOptions.defaults());
        HuvrImage image = serde.deserializer().deserialize("t", bitstream);
        assertEquals(45, image.header().getWidth());
        assertArrayEquals(bitstream, serde.serializer().serialize("t", image));
    }

    @Test
    void invalidBitstreamsFailWithTheFormatReason() throws Exception {
        byte[] bitstream = new HuvrEncoder(TestModels.tiny()).encode(Images.readRgb(TestImages.png(1)), EncodeOptions.defaults());
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("t", Arrays.copyOf(bitstream, bitstream.length - 1)));
        assertEquals(HuvrFormatException.class, e.getCause().getClass());
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", "HUVRjunk".getBytes()));
    }

    @Test
    void nullStaysNull() {
        assertNull(serde.deserializer().deserialize("t", null));
        assertNull(serde.serializer().serialize("t", null));
    }
}
