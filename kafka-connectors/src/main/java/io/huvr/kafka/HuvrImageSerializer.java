package io.huvr.kafka;

import io.huvr.format.HuvrFormatException;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes a parsed {@code .huvr} image as its container bytes (version 1.0); the writer validates it first. */
public final class HuvrImageSerializer implements Serializer<HuvrImage> {
    @Override
    public byte[] serialize(String topic, HuvrImage image) {
        if (image == null) {
            return null;
        }
        try {
            return HuvrWriter.toBytes(image.header(), image.chunks());
        } catch (HuvrFormatException e) {
            throw new SerializationException("not a valid .huvr image for topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
