package io.huvr.gateway;

import io.huvr.codec.ByteBudgetException;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.EncodeOptions;
import io.huvr.codec.image.Images;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.metrics.Metrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrFormatException;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.proto.ImageHeader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Encoding and decoding with the loaded model, on the {@link CodecPool}, with the gateway's limits
 * checked before any pixel is decoded or any tensor allocated.
 */
@ApplicationScoped
public class CodecService {
    private final ModelProvider models;
    private final CodecPool pool;
    private final long maxPixels;
    private final Timer encodeTimer;
    private final Timer decodeTimer;
    private final Timer regionDecodeTimer;

    public CodecService(ModelProvider models, CodecPool pool, GatewayConfig config, MeterRegistry registry) {
        this.models = models;
        this.pool = pool;
        this.maxPixels = config.limits().maxPixels();
        this.encodeTimer = Timer.builder("huvr.encode").description("Time to encode one image on a codec thread")
                .publishPercentileHistogram().register(registry);
        this.decodeTimer = Timer.builder("huvr.decode").description("Time to decode one image on a codec thread")
                .publishPercentileHistogram().register(registry);
        this.regionDecodeTimer = Timer.builder("huvr.decode.region")
                .description("Time to decode a region of an image (only the tiles around it) on a codec thread")
                .publishPercentileHistogram().register(registry);
    }

    /** An encoded upload together with the image it came from. */
    public record Encoded(BufferedImage original, byte[] bitstream) {
    }

    /** What encoding an image did to it: its size and the distortion of the decoded result. */
    public record Comparison(BufferedImage decoded, int width, int height, int bytes, double bitsPerPixel,
                             Metrics metrics) {
    }

    /**
     * Encodes an uploaded PNG, JPEG, BMP or GIF.
     *
     * @param quality operating point, 1..the model's number of them
     * @param effort  0..{@value EncodeOptions#MAX_EFFORT}, encoder refinement steps
     */
    public Encoded encode(byte[] upload, int quality, int effort) throws Exception {
        return encode(upload, quality, effort, null);
    }

    /**
     * Encodes an uploaded image, with rate control when {@code maxBytes} is given: the highest quality up to
     * {@code quality} (default: the model's highest) whose bitstream fits, or 422 when even quality 1 does not.
     *
     * @param quality operating point, 1..the model's number of them; null for the default
     */
    public Encoded encode(byte[] upload, Integer quality, int effort, Long maxBytes) throws Exception {
        int operatingPoints = models.model().operatingPoints().size();
        int q = EncodeOptions.requestedQuality(quality, maxBytes != null, operatingPoints);
        EncodeOptions options = options(q, effort);
        if (q > operatingPoints) {
            throw ProblemException.badRequest("invalid-parameter", "quality must be 1.." + operatingPoints + ", got " + q);
        }
        if (maxBytes != null && maxBytes < 1) {
            throw ProblemException.badRequest("invalid-parameter", "maxBytes must be positive, got " + maxBytes);
        }
        BufferedImage image = readImage(upload);
        byte[] bitstream = pool.run(() -> encodeTimer.recordCallable(() -> {
            try {
                HuvrEncoder encoder = models.encoder();
                return maxBytes == null ? encoder.encode(image, options) : encoder.encodeWithin(image, maxBytes, options);
            } catch (ByteBudgetException e) {
                throw new ProblemException(422, "budget-too-small", e.getMessage());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-image", e.getMessage());
            }
        }));
        return new Encoded(image, bitstream);
    }

    /**
     * Parses and validates a bitstream without decoding it.
     *
     * @throws ProblemException 400 naming the broken rule of the format, or 413 above the pixel limit
     */
    public HuvrImage parse(byte[] bitstream) {
        HuvrImage image;
        try {
            image = HuvrReader.read(requireNonEmpty(bitstream));
        } catch (HuvrFormatException e) {
            throw ProblemException.badRequest("invalid-bitstream", e.getMessage());
        }
        ImageHeader header = image.header();
        checkPixels(header.getWidth(), header.getHeight());
        return image;
    }

    /**
     * Checks that a parsed bitstream was made for the loaded model, without decoding it.
     *
     * @throws ProblemException 422 when it needs another model
     */
    public void checkCompatible(HuvrImage image) {
        HuvrModel model = models.model();
        if (!Arrays.equals(image.header().getModelSha256().toByteArray(), model.sha256())) {
            throw new ProblemException(422, "undecodable-bitstream",
                    "the bitstream was made for another model than " + model.name() + " (" + model.sha256Hex() + ")");
        }
    }

    /** Decodes a parsed bitstream; 422 when it was made for another model or its payload is corrupt. */
    public BufferedImage decode(HuvrImage image) throws Exception {
        return pool.run(decodeJob(image));
    }

    /**
     * Starts decoding a parsed bitstream for requests that share the result (see {@link CodecPool#start}).
     *
     * @throws ProblemException 503 when the codec queue is full
     */
    public CompletableFuture<BufferedImage> startDecode(HuvrImage image) {
        return pool.start(decodeJob(image));
    }

    /**
     * Decodes only the tiles around a rectangle of the (upright) image: the same pixels as that crop of a full
     * decode, at a cost that follows the rectangle's size; 422 as {@link #decode}.
     */
    public BufferedImage decodeRegion(HuvrImage image, Rectangle region) throws Exception {
        return pool.run(decodeJob(regionDecodeTimer, decoder -> decoder.decodeRegion(image, region)));
    }

    private Callable<BufferedImage> decodeJob(HuvrImage image) {
        return decodeJob(decodeTimer, decoder -> decoder.decode(image));
    }

    private Callable<BufferedImage> decodeJob(Timer timer, DecoderCall call) {
        return () -> timer.recordCallable(() -> {
            try {
                return call.apply(models.decoder());
            } catch (IOException e) {
                throw new ProblemException(422, "undecodable-bitstream", e.getMessage());
            }
        });
    }

    /** One use of the shared decoder that may find the bitstream undecodable. */
    private interface DecoderCall {
        BufferedImage apply(HuvrDecoder decoder) throws IOException;
    }

    /** Encodes an upload, decodes the result and measures what was lost. */
    public Comparison compare(byte[] upload, int quality, int effort) throws Exception {
        Encoded encoded = encode(upload, quality, effort);
        BufferedImage decoded = decode(parse(encoded.bitstream()));
        BufferedImage original = encoded.original();
        Metrics metrics = ImageMetrics.all(Images.toRgb(original), decoded);
        long pixels = (long) original.getWidth() * original.getHeight();
        return new Comparison(decoded, original.getWidth(), original.getHeight(), encoded.bitstream().length,
                8.0 * encoded.bitstream().length / pixels, metrics);
    }

    /**
     * Reads an uploaded image, refusing one above the pixel limit from its header alone, so a small file
     * that claims enormous dimensions costs nothing.
     */
    private BufferedImage readImage(byte[] upload) throws IOException {
        long width;
        long height;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(requireNonEmpty(upload)))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ProblemException(415, "unsupported-image", "the body is not a PNG, JPEG, BMP or GIF image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw ProblemException.badRequest("unreadable-image", "the image header is unreadable: " + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
        checkPixels(width, height);
        try {
            return Images.readRgb(upload);
        } catch (IOException e) {
            throw ProblemException.badRequest("unreadable-image", e.getMessage());
        }
    }

    private static byte[] requireNonEmpty(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("empty-body", "the request body is empty");
        }
        return body;
    }

    /** Refuses images above the configured pixel count (413). */
    public void checkPixels(long width, long height) {
        if (width * height > maxPixels) {
            throw new ProblemException(413, "too-many-pixels",
                    "the image is " + width + "x" + height + "; the gateway's limit is " + maxPixels + " pixels");
        }
    }

    private static EncodeOptions options(int quality, int effort) {
        try {
            return new EncodeOptions(quality, effort, EncodeOptions.DEFAULT_CODER);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", e.getMessage());
        }
    }
}
