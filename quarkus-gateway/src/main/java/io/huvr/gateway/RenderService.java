package io.huvr.gateway;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.huvr.codec.image.Images;
import io.huvr.format.HuvrImage;
import io.huvr.format.proto.ImageHeader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.awt.image.BufferedImage;

/**
 * Renders archived images: decodes them (through a bounded cache of decoded images keyed by the
 * bitstream's SHA-256), then crops and resizes. The codec has no region or resolution-free decoding yet,
 * so a region or a size costs a full decode; the cache makes repeated renderings of one image cheap, and
 * concurrent requests for an image not yet decoded share one decode.
 */
@ApplicationScoped
public class RenderService {
    static final String CACHE_NAME = "huvr.decoded.images";

    private final CodecService codec;
    private final CodecPool pool;
    private final AsyncCache<String, BufferedImage> decoded;

    public RenderService(CodecService codec, CodecPool pool, GatewayConfig config, MeterRegistry registry) {
        this.codec = codec;
        this.pool = pool;
        this.decoded = Caffeine.newBuilder()
                .maximumWeight(config.cache().maxBytes())
                .<String, BufferedImage>weigher((sha, image) -> (int) Math.min(Integer.MAX_VALUE,
                        4L * image.getWidth() * image.getHeight()))
                .recordStats()
                .buildAsync();
        CaffeineCacheMetrics.monitor(registry, decoded, CACHE_NAME);
    }

    /** A strong entity tag of a rendering: it changes whenever the bitstream, the options or the format do. */
    public static String etag(ImageArchive.StoredImage image, RenderOptions options, ImageFormat format) {
        return Sha256.hex(image.sha256() + "|" + options.canonical() + "|" + format.mediaType());
    }

    /**
     * The encoded rendering of an archived image.
     *
     * @throws ProblemException 400 for a region outside the image, 413 for an output above the pixel limit
     */
    public byte[] render(ImageArchive.StoredImage image, RenderOptions options, ImageFormat format) throws Exception {
        HuvrImage parsed = codec.parse(image.bitstream());
        ImageHeader header = parsed.header();
        options.checkRegionFits(header.getWidth(), header.getHeight());
        RenderOptions.Size size = options.outputSize(header.getWidth(), header.getHeight());
        codec.checkPixels(size.width(), size.height());
        // A failed decode leaves the cache by itself, so the next request tries again.
        BufferedImage full = pool.await(decoded.get(image.sha256(), (sha, executor) -> codec.startDecode(parsed)));
        return format.write(transform(full, options, size));
    }

    private static BufferedImage transform(BufferedImage full, RenderOptions options, RenderOptions.Size size) {
        if (options.isIdentity()) {
            return full;
        }
        RenderOptions.Region region = options.region();
        BufferedImage source = region == null ? full
                : full.getSubimage(region.x(), region.y(), region.width(), region.height());
        if (source.getWidth() == size.width() && source.getHeight() == size.height()) {
            return source;
        }
        return Images.resize(source, size.width(), size.height());
    }
}
