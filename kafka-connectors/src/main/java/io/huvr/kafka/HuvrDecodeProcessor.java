package io.huvr.kafka;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.image.Images;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrFormatException;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.proto.ImageHeader;
import io.huvr.kafka.ProcessingResult.Converted;
import io.huvr.kafka.ProcessingResult.Rejected;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/** Decodes {@code .huvr} bitstreams of one model to PNG. */
public final class HuvrDecodeProcessor implements RecordProcessor {
    private final HuvrModel model;
    private final HuvrDecoder decoder;
    private final long maxPixels;
    private final int maxBytes;

    public HuvrDecodeProcessor(HuvrModel model, long maxPixels, int maxBytes) {
        this.model = model;
        this.decoder = new HuvrDecoder(model);
        this.maxPixels = maxPixels;
        this.maxBytes = maxBytes;
    }

    @Override
    public ProcessingResult process(byte[] value) {
        if (value == null) {
            return new Rejected(DeadLetterReason.EMPTY_RECORD, "the record has no value");
        }
        HuvrImage image;
        try {
            image = HuvrReader.read(value);
        } catch (HuvrFormatException e) {
            // The message starts with the rule broken (HuvrFormatException.Reason).
            return new Rejected(DeadLetterReason.CORRUPT_BITSTREAM, e.getMessage());
        }
        ImageHeader header = image.header();
        byte[] needed = header.getModelSha256().toByteArray();
        if (!Arrays.equals(needed, model.sha256())) {
            return new Rejected(DeadLetterReason.WRONG_MODEL, "the bitstream needs model " + HexFormat.of().formatHex(needed)
                    + ", the worker has " + model.sha256Hex());
        }
        long pixels = (long) header.getWidth() * header.getHeight();
        if (pixels > maxPixels) {
            return new Rejected(DeadLetterReason.TOO_LARGE, "the image has " + pixels + " pixels; the limit is " + maxPixels);
        }
        BufferedImage decoded;
        try {
            decoded = decoder.decode(image);
        } catch (IOException e) {
            return new Rejected(DeadLetterReason.CORRUPT_BITSTREAM, e.getMessage());
        } catch (RuntimeException e) {
            return new Rejected(DeadLetterReason.CODEC_FAILURE, String.valueOf(e.getMessage()));
        }
        byte[] png;
        try {
            png = png(decoded);
        } catch (IOException e) {
            return new Rejected(DeadLetterReason.CODEC_FAILURE, "PNG writing failed: " + e.getMessage());
        }
        if (png.length > maxBytes) {
            return new Rejected(DeadLetterReason.TOO_LARGE, "the PNG has " + png.length + " bytes; the limit is " + maxBytes);
        }
        return new Converted(png, Map.of(
                HuvrHeaders.CONTENT_TYPE, HuvrHeaders.PNG_CONTENT_TYPE,
                HuvrHeaders.WIDTH, header.getWidth(),
                HuvrHeaders.HEIGHT, header.getHeight(),
                HuvrHeaders.MODEL_SHA256, model.sha256Hex(),
                HuvrHeaders.QUALITY, header.getQuantization().getOperatingPoint() + 1,
                HuvrHeaders.SOURCE_BYTES, value.length));
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Images.writePng(image, out);
        return out.toByteArray();
    }
}
