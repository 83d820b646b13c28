package io.huvr.gateway;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.metrics.Metrics;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.nio.file.Files;
import java.util.Base64;

/** Encoding and decoding of images sent in the request, nothing stored. */
@Path("/v1")
public class CodecResource {
    private final CodecService codec;

    public CodecResource(CodecService codec) {
        this.codec = codec;
    }

    @POST
    @Path("encode")
    @Consumes(MediaType.WILDCARD)
    @Produces(HuvrMediaTypes.HUVR)
    @Operation(summary = "Encode an image", description = "The body is a PNG, JPEG, BMP or GIF image; the answer its .huvr bitstream.")
    public byte[] encode(byte[] image, @QueryParam("quality")
                         @Parameter(description = "operating point, 1 (smallest) to the model's number of them; default "
                                 + EncodeOptions.DEFAULT_QUALITY + ", with maxBytes the highest that fits") Integer quality,
                         @QueryParam("effort") @DefaultValue("0")
                         @Parameter(description = "0..3: more encoder refinement, same decoder") int effort,
                         @QueryParam("maxBytes")
                         @Parameter(description = "rate control: the highest quality (up to quality) whose bitstream "
                                 + "has at most this many bytes; 422 when none does") Long maxBytes) throws Exception {
        return codec.encode(image, quality, effort, maxBytes).bitstream();
    }

    @POST
    @Path("encode")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(HuvrMediaTypes.HUVR)
    @Operation(summary = "Encode an image sent as the form field 'image'")
    public byte[] encodeForm(@RestForm("image") FileUpload image, @QueryParam("quality") Integer quality,
                             @QueryParam("effort") @DefaultValue("0") int effort,
                             @QueryParam("maxBytes") Long maxBytes) throws Exception {
        if (image == null) {
            throw ProblemException.badRequest("missing-image", "the form has no 'image' file");
        }
        return codec.encode(Files.readAllBytes(image.uploadedFile()), quality, effort, maxBytes).bitstream();
    }

    @POST
    @Path("decode")
    @Consumes({HuvrMediaTypes.HUVR, MediaType.APPLICATION_OCTET_STREAM})
    @Produces({HuvrMediaTypes.PNG, HuvrMediaTypes.JPEG})
    @Operation(summary = "Decode a .huvr bitstream", description = "PNG unless the Accept header prefers JPEG; 406 for other formats.")
    public Response decode(byte[] bitstream, HttpHeaders headers) throws Exception {
        ImageFormat format = ImageFormat.negotiate(headers.getAcceptableMediaTypes());
        byte[] body = format.write(codec.decode(codec.parse(bitstream)));
        return Response.ok(body, format.mediaType()).build();
    }

    /** The figures of {@code POST /v1/compare}; metrics that are undefined for the image size are null. */
    public record ComparisonReport(int width, int height, int bytes, double bitsPerPixel, Double psnr, Double ssim,
                                   Double msssim, String decodedPngBase64) {
    }

    @POST
    @Path("compare")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Encode, decode and measure",
            description = "Encodes the image, decodes the bitstream and reports its size, bits per pixel, PSNR, SSIM and MS-SSIM, with the decoded PNG.")
    public ComparisonReport compare(byte[] image,
                                    @QueryParam("quality") @DefaultValue("" + EncodeOptions.DEFAULT_QUALITY) int quality,
                                    @QueryParam("effort") @DefaultValue("0") int effort) throws Exception {
        CodecService.Comparison comparison = codec.compare(image, quality, effort);
        Metrics metrics = comparison.metrics();
        return new ComparisonReport(comparison.width(), comparison.height(), comparison.bytes(),
                comparison.bitsPerPixel(), finite(metrics.psnrRgb()), finite(metrics.ssimRgb()), finite(metrics.msssimRgb()),
                Base64.getEncoder().encodeToString(ImageFormat.PNG.write(comparison.decoded())));
    }

    /** JSON has no NaN: an undefined metric is null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
