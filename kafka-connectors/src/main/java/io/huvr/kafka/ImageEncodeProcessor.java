package io.huvr.kafka;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.image.Images;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import io.huvr.format.MetadataKeys;
import io.huvr.kafka.ProcessingResult.Converted;
import io.huvr.kafka.ProcessingResult.Rejected;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Encodes PNG, JPEG, BMP or GIF values to {@code .huvr} bitstreams, optionally with the PSNR of the decoded result
 * in the header's metadata ({@link WorkerConfig#ENCODE_PSNR}).
 */
public final class ImageEncodeProcessor implements RecordProcessor {
    private final HuvrModel model;
    private final EncodeOptions options;
    private final long maxPixels;
    private final int maxBytes;
    /** Decodes each bitstream once to measure its PSNR; null when the PSNR is not written. */
    private final HuvrDecoder psnrDecoder;
    // One encoder per codec thread: an encoder serialises refinement (effort > 0), so sharing one would too.
    private final ThreadLocal<HuvrEncoder> encoders;

    /**
     * @param writePsnr whether to decode each bitstream once and write its PSNR against the input into the
     *                  header's metadata under {@link MetadataKeys#PSNR_RGB}
     * @throws IllegalArgumentException when the quality is not one of the model's operating points
     */
    public ImageEncodeProcessor(HuvrModel model, EncodeOptions options, long maxPixels, int maxBytes,
                                boolean writePsnr) {
        if (options.quality() > model.operatingPoints().size()) {
            throw new IllegalArgumentException("quality " + options.quality() + " is not one of model " + model.name()
                    + "'s operating points 1.." + model.operatingPoints().size());
        }
        this.model = model;
        this.options = options;
        this.maxPixels = maxPixels;
        this.maxBytes = maxBytes;
        this.psnrDecoder = writePsnr ? new HuvrDecoder(model) : null;
        this.encoders = ThreadLocal.withInitial(() -> new HuvrEncoder(model));
    }

    @Override
    public ProcessingResult process(byte[] value) {
        if (value == null) {
            return new Rejected(DeadLetterReason.EMPTY_RECORD, "the record has no value");
        }
        BufferedImage image;
        try {
            image = Images.readRgb(value);
        } catch (IOException e) {
            return new Rejected(DeadLetterReason.UNREADABLE_IMAGE, e.getMessage());
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        if (pixels > maxPixels) {
            return new Rejected(DeadLetterReason.TOO_LARGE, "the image has " + pixels + " pixels; the limit is " + maxPixels);
        }
        byte[] encoded;
        try {
            encoded = encoders.get().encode(image, options);
        } catch (IllegalArgumentException e) {
            // The quality was checked up front, so this is the format's size limit.
            return new Rejected(DeadLetterReason.TOO_LARGE, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Rejected(DeadLetterReason.CODEC_FAILURE, String.valueOf(e.getMessage()));
        }
        if (psnrDecoder != null) {
            try {
                encoded = withPsnr(encoded, image);
            } catch (IOException | RuntimeException e) {
                return new Rejected(DeadLetterReason.CODEC_FAILURE, "decoding to measure PSNR failed: " + e.getMessage());
            }
        }
        if (encoded.length > maxBytes) {
            return new Rejected(DeadLetterReason.TOO_LARGE, "the bitstream has " + encoded.length
                    + " bytes; the limit is " + maxBytes);
        }
        return new Converted(encoded, Map.of(
                HuvrHeaders.CONTENT_TYPE, HuvrHeaders.HUVR_CONTENT_TYPE,
                HuvrHeaders.WIDTH, image.getWidth(),
                HuvrHeaders.HEIGHT, image.getHeight(),
                HuvrHeaders.MODEL_SHA256, model.sha256Hex(),
                HuvrHeaders.QUALITY, options.quality(),
                HuvrHeaders.SOURCE_BYTES, value.length));
    }

    /** The bitstream with the PSNR of its own decoding against {@code original} added to the header's metadata. */
    private byte[] withPsnr(byte[] encoded, BufferedImage original) throws IOException {
        HuvrImage parsed = HuvrReader.read(encoded);
        BufferedImage decoded = psnrDecoder.decode(parsed);
        int width = original.getWidth();
        int height = original.getHeight();
        double psnr = ImageMetrics.psnrRgb(original.getRGB(0, 0, width, height, null, 0, width),
                decoded.getRGB(0, 0, width, height, null, 0, width));
        return HuvrWriter.toBytes(parsed.header().toBuilder()
                .putMetadata(MetadataKeys.PSNR_RGB, String.format(Locale.ROOT, "%.2f", psnr))
                .build(), parsed.chunks());
    }
}
