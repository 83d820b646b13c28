package io.huvr.kafka;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.model.HuvrModel;
import io.huvr.kafka.ProcessingResult.Converted;
import io.huvr.kafka.ProcessingResult.Rejected;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The codec step of the workers, without Kafka: limits and rejections. */
class RecordProcessorsTest {
    private static final int NO_BYTE_LIMIT = Integer.MAX_VALUE;
    private final HuvrModel model = TestModels.tiny();

    @Test
    void encoderRejectsImagesAboveThePixelLimit() {
        byte[] png = TestImages.png(0); // 40 x 30
        RecordProcessor limited = new ImageEncodeProcessor(model, EncodeOptions.defaults(), 40 * 30 - 1, NO_BYTE_LIMIT, false);
        assertEquals(DeadLetterReason.TOO_LARGE, reason(limited.process(png)));
        RecordProcessor exact = new ImageEncodeProcessor(model, EncodeOptions.defaults(), 40 * 30, NO_BYTE_LIMIT, false);
        assertInstanceOf(Converted.class, exact.process(png));
    }

    @Test
    void encoderRejectsBitstreamsAboveTheByteLimit() {
        RecordProcessor processor = new ImageEncodeProcessor(model, EncodeOptions.defaults(), Long.MAX_VALUE, 64, false);
        assertEquals(DeadLetterReason.TOO_LARGE, reason(processor.process(TestImages.png(0))));
    }

    @Test
    void encoderRejectsEmptyRecordsAndRefusesAQualityTheModelLacks() {
        RecordProcessor processor = new ImageEncodeProcessor(model, EncodeOptions.defaults(), Long.MAX_VALUE, NO_BYTE_LIMIT, false);
        assertEquals(DeadLetterReason.EMPTY_RECORD, reason(processor.process(null)));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageEncodeProcessor(model, EncodeOptions.defaults().withQuality(4), Long.MAX_VALUE, NO_BYTE_LIMIT, false));
    }

    @Test
    void decoderRejectsImagesAboveThePixelLimitBeforeDecoding() {
        RecordProcessor encoder = new ImageEncodeProcessor(model, EncodeOptions.defaults(), Long.MAX_VALUE, NO_BYTE_LIMIT, false);
        byte[] bitstream = ((Converted) encoder.process(TestImages.png(2))).value(); // 42 x 32
        assertEquals(DeadLetterReason.TOO_LARGE, reason(new HuvrDecodeProcessor(model, 42 * 32 - 1, NO_BYTE_LIMIT).process(bitstream)));
        assertEquals(DeadLetterReason.TOO_LARGE, reason(new HuvrDecodeProcessor(model, Long.MAX_VALUE, 100).process(bitstream)));
        assertInstanceOf(Converted.class, new HuvrDecodeProcessor(model, 42 * 32, NO_BYTE_LIMIT).process(bitstream));
        assertEquals(DeadLetterReason.CORRUPT_BITSTREAM, reason(new HuvrDecodeProcessor(model, Long.MAX_VALUE, NO_BYTE_LIMIT)
                .process("HUVR".getBytes())));
    }

    private static DeadLetterReason reason(ProcessingResult result) {
        return assertInstanceOf(Rejected.class, result).reason();
    }
}
