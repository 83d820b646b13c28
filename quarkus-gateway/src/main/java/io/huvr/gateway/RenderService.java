package io.huvr.gateway;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.huvr.codec.image.Images;
import io.huvr.format.HuvrImage;
import io.huvr.format.proto.ImageHeader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.concurrent.CompletableFuture;

/**
 * Renders archived images: decodes them (through a bounded cache of decoded images keyed by the
 * bitstream's SHA-256), then crops and resizes. The cache makes repeated renderings of one image cheap, and
 * concurrent requests for an image not yet decoded share one decode. A region of an image that is not in the
 * cache is decoded on its own (only the tiles around it), so a small crop of a large image costs a small
 * decode; sizes are resampled from the decoded pixels (huvr-s's INR does not carry over to other grids).
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
        return format.write(resize(source(image, parsed, options.region()), size));
    }

    /** The decoded pixels of the region (or of the whole image), from the cache where they are already there. */
    private BufferedImage source(ImageArchive.StoredImage image, HuvrImage parsed, RenderOptions.Region region)
            throws Exception {
        CompletableFuture<BufferedImage> cached = decoded.getIfPresent(image.sha256());
        if (region != null && cached == null) {
            return codec.decodeRegion(parsed, new Rectangle(region.x(), region.y(), region.width(), region.height()));
        }
        // A failed decode leaves the cache by itself, so the next request tries again.
        BufferedImage full = pool.await(cached != null ? cached
                : decoded.get(image.sha256(), (sha, executor) -> codec.startDecode(parsed)));
        return region == null ? full : full.getSubimage(region.x(), region.y(), region.width(), region.height());
    }

    private static BufferedImage resize(BufferedImage source, RenderOptions.Size size) {
        if (source.getWidth() == size.width() && source.getHeight() == size.height()) {
            return source;
        }
        return Images.resize(source, size.width(), size.height());
    }
}
