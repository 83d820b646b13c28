package io.huvr.kafka;

import io.huvr.format.HuvrFormatException;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Parses and validates {@code .huvr} record values with {@link HuvrReader}: a value that breaks a rule of the
 * format fails with a {@link SerializationException} whose cause is the {@link HuvrFormatException} (its
 * {@code reason()} names the rule).
 */
public final class HuvrImageDeserializer implements Deserializer<HuvrImage> {
    @Override
    public HuvrImage deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return HuvrReader.read(data);
        } catch (HuvrFormatException e) {
            throw new SerializationException("invalid .huvr value in topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
