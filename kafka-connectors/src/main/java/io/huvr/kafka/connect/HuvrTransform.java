package io.huvr.kafka.connect;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.model.HuvrModel;
import io.huvr.kafka.HuvrDecodeProcessor;
import io.huvr.kafka.ImageEncodeProcessor;
import io.huvr.kafka.ProcessingResult;
import io.huvr.kafka.ProcessingResult.Converted;
import io.huvr.kafka.ProcessingResult.Rejected;
import io.huvr.kafka.RecordProcessor;
import io.huvr.kafka.WorkerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Kafka Connect single message transforms that run the codec on record values: {@link Encode} (image bytes to
 * {@code .huvr}) and {@link Decode} ({@code .huvr} to PNG). They set the same headers as the workers. A value that
 * cannot be converted fails the record with a {@link DataException} naming the {@code DeadLetterReason}, so
 * Connect's {@code errors.tolerance} and {@code errors.deadletterqueue.topic.name} decide where it goes.
 * Tombstones (null values) pass unchanged.
 *
 * <p>Settings, with the workers' names and defaults: {@code model.path}, {@code encode.quality},
 * {@code encode.effort}, {@code encode.psnr} (Encode only), {@code max.image.pixels}, {@code max.record.bytes}.
 */
public abstract class HuvrTransform<R extends ConnectRecord<R>> implements Transformation<R> {
    private static final ConfigDef CONFIG = new ConfigDef()
            .define(WorkerConfig.MODEL_PATH, ConfigDef.Type.STRING, WorkerConfig.DEFAULT_MODEL_PATH,
                    ConfigDef.Importance.HIGH, "Model file; empty for the codec's built-in model.")
            .define(WorkerConfig.ENCODE_QUALITY, ConfigDef.Type.INT, WorkerConfig.DEFAULT_ENCODE_QUALITY,
                    ConfigDef.Range.atLeast(1), ConfigDef.Importance.MEDIUM, "Encoder operating point, from 1.")
            .define(WorkerConfig.ENCODE_EFFORT, ConfigDef.Type.INT, WorkerConfig.DEFAULT_ENCODE_EFFORT,
                    ConfigDef.Range.between(0, EncodeOptions.MAX_EFFORT), ConfigDef.Importance.LOW, "Encoder effort.")
            .define(WorkerConfig.ENCODE_PSNR, ConfigDef.Type.BOOLEAN, WorkerConfig.DEFAULT_ENCODE_PSNR,
                    ConfigDef.Importance.LOW, "Decode each image once and write its PSNR into the header's metadata.")
            .define(WorkerConfig.MAX_IMAGE_PIXELS, ConfigDef.Type.LONG, WorkerConfig.DEFAULT_MAX_IMAGE_PIXELS,
                    ConfigDef.Range.atLeast(1), ConfigDef.Importance.MEDIUM, "Largest image in pixels.")
            .define(WorkerConfig.MAX_RECORD_BYTES, ConfigDef.Type.INT, WorkerConfig.DEFAULT_MAX_RECORD_BYTES,
                    ConfigDef.Range.atLeast(1), ConfigDef.Importance.MEDIUM, "Largest output value in bytes.");

    private RecordProcessor processor;

    /** Encodes image values (PNG, JPEG, BMP, GIF) to {@code .huvr}. */
    public static final class Encode<R extends ConnectRecord<R>> extends HuvrTransform<R> {
        @Override
        RecordProcessor processor(HuvrModel model, AbstractConfig config) {
            EncodeOptions options = new EncodeOptions(config.getInt(WorkerConfig.ENCODE_QUALITY),
                    config.getInt(WorkerConfig.ENCODE_EFFORT), EncodeOptions.DEFAULT_CODER);
            try {
                return new ImageEncodeProcessor(model, options, config.getLong(WorkerConfig.MAX_IMAGE_PIXELS),
                        config.getInt(WorkerConfig.MAX_RECORD_BYTES), config.getBoolean(WorkerConfig.ENCODE_PSNR));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
    }

    /** Decodes {@code .huvr} values to PNG. */
    public static final class Decode<R extends ConnectRecord<R>> extends HuvrTransform<R> {
        @Override
        RecordProcessor processor(HuvrModel model, AbstractConfig config) {
            return new HuvrDecodeProcessor(model, config.getLong(WorkerConfig.MAX_IMAGE_PIXELS),
                    config.getInt(WorkerConfig.MAX_RECORD_BYTES));
        }
    }

    HuvrTransform() {
    }

    abstract RecordProcessor processor(HuvrModel model, AbstractConfig config);

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG, configs);
        String path = config.getString(WorkerConfig.MODEL_PATH);
        HuvrModel model;
        try {
            model = path.isEmpty() ? HuvrModel.loadDefault() : HuvrModel.load(Path.of(path));
        } catch (IOException e) {
            throw new ConfigException(WorkerConfig.MODEL_PATH, path, e.getMessage());
        }
        processor = processor(model, config);
    }

    @Override
    public R apply(R record) {
        if (record.value() == null) {
            return record;
        }
        ProcessingResult result = processor.process(bytes(record.value()));
        if (result instanceof Rejected rejected) {
            throw new DataException(rejected.reason() + ": " + rejected.message());
        }
        Converted converted = (Converted) result;
        Headers headers = record.headers().duplicate();
        converted.headers().forEach((name, value) -> headers.remove(name).addString(name, value.toString()));
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema() == null ? null : Schema.BYTES_SCHEMA, converted.value(), record.timestamp(), headers);
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] array = new byte[buffer.remaining()];
            buffer.duplicate().get(array);
            return array;
        }
        throw new DataException("the value must be bytes, got " + value.getClass().getName());
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public void close() {
        processor = null;
    }
}
