package io.huvr.kafka;

import io.huvr.format.HuvrImage;
import org.apache.kafka.common.serialization.Serdes;

/** The {@link HuvrImageSerializer} and {@link HuvrImageDeserializer} pair, for Kafka Streams and friends. */
public final class HuvrImageSerde extends Serdes.WrapperSerde<HuvrImage> {
    public HuvrImageSerde() {
        super(new HuvrImageSerializer(), new HuvrImageDeserializer());
    }
}
