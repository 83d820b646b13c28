package io.huvr.gateway;

import io.huvr.codec.EncodeOptions;
import io.huvr.format.HeaderJson;
import io.huvr.format.HuvrImage;
import io.huvr.format.MetadataKeys;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * The archive of {@code .huvr} images. Images are write-once, so every read is served with a strong
 * ETag derived from the stored bytes and cached for a year ({@code immutable}).
 */
@Path("/v1/images")
public class ArchiveResource {
    private final ImageArchive archive;
    private final CodecService codec;
    private final RenderService renderer;
    private final String cacheControl;

    public ArchiveResource(ImageArchive archive, CodecService codec, RenderService renderer, GatewayConfig config) {
        this.archive = archive;
        this.codec = codec;
        this.renderer = renderer;
        // Responses that needed a key must not be kept by shared caches.
        this.cacheControl = (config.auth().protectReads() ? "private" : "public") + ", max-age=31536000, immutable";
    }

    /** The archive's listing: the ids, and the same images with their figures. */
    public record ImageList(List<String> ids, List<ImageSummary> images) {
    }

    /**
     * An archived image's figures from its header alone: size, bitstream bytes, bits per pixel, and the PSNR (RGB,
     * dB) against the original that its encoder wrote into the header's metadata, null when it wrote none.
     */
    public record ImageSummary(String id, int width, int height, long bytes, double bitsPerPixel, Double psnrRgb) {
        static ImageSummary of(ImageArchive.StoredHeader stored) {
            int width = stored.header().getWidth();
            int height = stored.header().getHeight();
            return new ImageSummary(stored.id(), width, height, stored.bytes(),
                    8.0 * stored.bytes() / ((long) width * height),
                    psnr(stored.header().getMetadataOrDefault(MetadataKeys.PSNR_RGB, null)));
        }

        /** The metadata value as a number; the key is informative, so a value that is not one is ignored. */
        private static Double psnr(String value) {
            if (value == null) {
                return null;
            }
            try {
                double psnr = Double.parseDouble(value);
                return Double.isFinite(psnr) ? psnr : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List archived images",
            description = "Sorted by id; at most 'limit' of them. 'images' holds each one's size, bytes, bits per pixel "
                    + "and, when its encoder measured it (metadata key psnr_rgb), its PSNR against the original.")
    public ImageList list(@QueryParam("limit") @DefaultValue("1000") int limit) throws Exception {
        if (limit < 1 || limit > 10_000) {
            throw ProblemException.badRequest("invalid-parameter", "limit must be 1..10000");
        }
        List<String> ids = archive.ids(limit);
        List<ImageSummary> images = new ArrayList<>(ids.size());
        for (String id : ids) {
            images.add(ImageSummary.of(archive.header(id)));
        }
        return new ImageList(ids, images);
    }

    @GET
    @Path("{id}")
    @Produces({HuvrMediaTypes.PNG, HuvrMediaTypes.JPEG})
    @Operation(summary = "An archived image, decoded",
            description = "PNG unless Accept prefers JPEG. 'region' (x,y,w,h) crops the full-size image, then 'width' and/or "
                    + "'height' resize it (one alone keeps the aspect ratio). The codec has no region or resolution-free "
                    + "decoding yet: the gateway decodes the whole image, then crops and resizes, caching decoded images.")
    public Response image(@PathParam("id") String id,
                          @QueryParam("width") @Parameter(description = "output width in pixels") Integer width,
                          @QueryParam("height") @Parameter(description = "output height in pixels") Integer height,
                          @QueryParam("region") @Parameter(description = "x,y,w,h of the full-size image") String region,
                          HttpHeaders headers, Request request) throws Exception {
        ImageArchive.StoredImage stored = find(id);
        RenderOptions options = RenderOptions.parse(width, height, region);
        ImageFormat format = ImageFormat.negotiate(headers.getAcceptableMediaTypes());
        return cached(request, RenderService.etag(stored, options, format), format.mediaType(),
                () -> renderer.render(stored, options, format));
    }

    /** HEAD of an image: the same status and headers as GET, Content-Length included, without the body. */
    @HEAD
    @Path("{id}")
    @Produces({HuvrMediaTypes.PNG, HuvrMediaTypes.JPEG})
    @Operation(summary = "The headers of an archived image, decoded")
    public Response imageHead(@PathParam("id") String id, @QueryParam("width") Integer width,
                              @QueryParam("height") Integer height, @QueryParam("region") String region,
                              HttpHeaders headers, Request request) throws Exception {
        Response get = image(id, width, height, region, headers, request);
        Response.ResponseBuilder head = Response.fromResponse(get).entity(null);
        if (get.getEntity() instanceof byte[] body) {
            head.header(HttpHeaders.CONTENT_LENGTH, body.length);
        }
        return head.build();
    }

    @GET
    @Path("{id}.huvr")
    @Produces(HuvrMediaTypes.HUVR)
    @Operation(summary = "An archived image's stored bitstream")
    public Response bitstream(@PathParam("id") String id, Request request) throws Exception {
        ImageArchive.StoredImage stored = find(id);
        return cached(request, stored.sha256(), HuvrMediaTypes.HUVR, stored::bitstream);
    }

    @GET
    @Path("{id}/info")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An archived image's header and chunk summary, as JSON")
    public Response info(@PathParam("id") String id, Request request) throws Exception {
        ImageArchive.StoredImage stored = find(id);
        HuvrImage parsed = codec.parse(stored.bitstream());
        return cached(request, Sha256.hex(stored.sha256() + "|info"), MediaType.APPLICATION_JSON,
                () -> HeaderJson.toJson(parsed));
    }

    @PUT
    @Path("{id}")
    @ArchiveWrite
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Store an image (needs X-API-Key)",
            description = "A PNG, JPEG, BMP or GIF body is encoded; an application/x-huvr body made for the gateway's model is "
                    + "stored as it is. Images are write-once: 201 when created, 200 when the same bytes are already "
                    + "stored, 409 when the id holds other content.")
    public Response store(@PathParam("id") String id, byte[] image,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                          @QueryParam("quality") @DefaultValue("" + EncodeOptions.DEFAULT_QUALITY) int quality,
                          @QueryParam("effort") @DefaultValue("0") int effort, UriInfo uri) throws Exception {
        ImageArchive.checkId(id);
        byte[] bitstream;
        if (contentType != null && contentType.isCompatible(MediaType.valueOf(HuvrMediaTypes.HUVR))) {
            codec.checkCompatible(codec.parse(image));
            bitstream = image;
        } else {
            bitstream = codec.encode(image, quality, effort).bitstream();
        }
        ImageArchive.StoreOutcome outcome = archive.store(id, bitstream);
        Response.ResponseBuilder response = outcome == ImageArchive.StoreOutcome.CREATED
                ? Response.created(uri.getAbsolutePathBuilder().build())
                : Response.ok();
        return response.tag(new EntityTag(Sha256.hex(bitstream))).build();
    }

    private ImageArchive.StoredImage find(String id) {
        return archive.find(ImageArchive.checkId(id))
                .orElseThrow(() -> new NotFoundException("no image " + id + " in the archive"));
    }

    /** 304 when the client holds the current version, otherwise the body with its validators and caching. */
    private Response cached(Request request, String etag, String mediaType, Body body) throws Exception {
        EntityTag tag = new EntityTag(etag);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder response = notModified != null ? notModified : Response.ok(body.get(), mediaType);
        return response.tag(tag).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }

    /** A response body computed only when the client does not already hold it. */
    @FunctionalInterface
    private interface Body {
        Object get() throws Exception;
    }
}
