package io.huvr.kafka;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.image.Images;
import io.huvr.kafka.connect.HuvrTransform;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Connect transforms on real Connect records. */
class HuvrTransformTest {
    private static final Map<String, String> SETTINGS = Map.of(WorkerConfig.MODEL_PATH, TestModels.tinyFile().toString(),
            WorkerConfig.ENCODE_QUALITY, "1");

    @Test
    void encodeThenDecodeRoundTripsAndKeepsKeyAndHeaders() throws Exception {
        try (HuvrTransform<SourceRecord> encode = new HuvrTransform.Encode<>();
             HuvrTransform<SourceRecord> decode = new HuvrTransform.Decode<>()) {
            encode.configure(SETTINGS);
            decode.configure(SETTINGS);
            SourceRecord input = new SourceRecord(Map.of(), Map.of(), "images", 0, Schema.STRING_SCHEMA, "k",
                    Schema.BYTES_SCHEMA, ByteBuffer.wrap(TestImages.png(4)));
            input.headers().addString("origin", "camera-7");

            SourceRecord encoded = encode.apply(input);
            assertEquals("k", encoded.key());
            assertEquals(Schema.BYTES_SCHEMA, encoded.valueSchema());
            assertEquals(HuvrHeaders.HUVR_CONTENT_TYPE, encoded.headers().lastWithName(HuvrHeaders.CONTENT_TYPE).value());
            assertEquals("1", encoded.headers().lastWithName(HuvrHeaders.QUALITY).value());
            assertEquals("camera-7", encoded.headers().lastWithName("origin").value());
            BufferedImage fromBitstream = new HuvrDecoder(TestModels.tiny()).decode((byte[]) encoded.value());

            SourceRecord decoded = decode.apply(encoded);
            Iterator<Header> contentTypes = decoded.headers().allWithName(HuvrHeaders.CONTENT_TYPE);
            assertEquals(HuvrHeaders.PNG_CONTENT_TYPE, contentTypes.next().value());
            assertTrue(!contentTypes.hasNext(), "the decoder replaces the content type");
            assertArrayEquals(Images.pixels(fromBitstream), Images.pixels(Images.readRgb((byte[]) decoded.value())));
        }
    }

    @Test
    void badValuesFailWithTheReasonAndTombstonesPass() {
        try (HuvrTransform<SourceRecord> encode = new HuvrTransform.Encode<>()) {
            encode.configure(SETTINGS);
            SourceRecord text = new SourceRecord(Map.of(), Map.of(), "images", 0, null, "k", null, "not an image".getBytes());
            DataException e = assertThrows(DataException.class, () -> encode.apply(text));
            assertTrue(e.getMessage().startsWith(DeadLetterReason.UNREADABLE_IMAGE.name()), e.getMessage());
            SourceRecord tombstone = new SourceRecord(Map.of(), Map.of(), "images", 0, null, "k", null, null);
            assertSame(tombstone, encode.apply(tombstone));
        }
    }

    @Test
    void aQualityTheModelLacksIsAConfigurationError() {
        try (HuvrTransform<SourceRecord> encode = new HuvrTransform.Encode<>()) {
            assertThrows(ConfigException.class, () -> encode.configure(Map.of(
                    WorkerConfig.MODEL_PATH, TestModels.tinyFile().toString(), WorkerConfig.ENCODE_QUALITY, "4")));
        }
    }
}
