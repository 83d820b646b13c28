package io.huvr.gateway;

import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import io.huvr.format.MetadataKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
@WithTestResource(TinyModelResource.class)
class ArchiveEndpointsTest {
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final byte[] PNG = TestImages.gradientPng(48, 32);

    @Inject
    MeterRegistry registry;

    /** Stores the image most tests read; write-once, so every call after the first answers 200. */
    @BeforeEach
    void storeTheTestImage() {
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType("image/png").body(PNG)
                .put("/v1/images/gradient").then().statusCode(anyOf(equalTo(201), equalTo(200)));
    }

    @Test
    void writesNeedAValidApiKey() {
        given().contentType("image/png").body(PNG).put("/v1/images/anonymous")
                .then().statusCode(401).contentType(ProblemDocument.MEDIA_TYPE)
                .header("WWW-Authenticate", containsString("X-API-Key"));
        given().header(ApiKeyFilter.HEADER, "wrong").contentType("image/png").body(PNG).put("/v1/images/anonymous")
                .then().statusCode(403).contentType(ProblemDocument.MEDIA_TYPE);
        given().get("/v1/images/anonymous").then().statusCode(404).contentType(ProblemDocument.MEDIA_TYPE);
        given().header(ApiKeyFilter.HEADER, "another-key").contentType("image/png").body(PNG).put("/v1/images/second-key")
                .then().statusCode(201);
    }

    @Test
    void storesOnceAndRefusesOtherContentUnderTheSameId() {
        Response created = given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType("image/png")
                .body(PNG).put("/v1/images/write-once");
        created.then().statusCode(201).header("Location", endsWith("/v1/images/write-once"));
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType("image/png").body(PNG)
                .put("/v1/images/write-once")
                .then().statusCode(200).header("ETag", equalTo(created.header("ETag")));
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType("image/png")
                .body(TestImages.gradientPng(32, 32)).put("/v1/images/write-once")
                .then().statusCode(409).contentType(ProblemDocument.MEDIA_TYPE);
    }

    @Test
    void storesABitstreamAsItIs() {
        byte[] bitstream = CodecEndpointsTest.encode(TestImages.gradientPng(16, 16));
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType(HuvrMediaTypes.HUVR).body(bitstream)
                .put("/v1/images/as-is").then().statusCode(201);
        assertArrayEquals(bitstream, given().get("/v1/images/as-is.huvr").then().statusCode(200).extract().asByteArray());
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType(HuvrMediaTypes.HUVR)
                .body("HUVR junk".getBytes()).put("/v1/images/junk").then().statusCode(400);
    }

    @Test
    void servesTheDecodedImageWithAStrongEtagAndImmutableCaching() {
        Response response = given().get("/v1/images/gradient");
        response.then().statusCode(200).contentType("image/png")
                .header("Cache-Control", IMMUTABLE)
                .header("ETag", matchesPattern("\"[0-9a-f]{64}\""));
        byte[] png = response.asByteArray();
        assertEquals(String.valueOf(png.length), response.header("Content-Length"));
        BufferedImage image = TestImages.read(png);
        assertEquals(48, image.getWidth());
        assertEquals(32, image.getHeight());

        given().header("If-None-Match", response.header("ETag")).get("/v1/images/gradient")
                .then().statusCode(304).header("ETag", response.header("ETag")).header("Cache-Control", IMMUTABLE);
        given().header("If-None-Match", "\"other\"").get("/v1/images/gradient").then().statusCode(200);

        String jpegTag = given().accept("image/jpeg").get("/v1/images/gradient")
                .then().statusCode(200).contentType("image/jpeg").extract().header("ETag");
        assertNotEquals(response.header("ETag"), jpegTag, "the ETag covers the format");
    }

    @Test
    void resizesAndCropsAfterDecoding() {
        BufferedImage half = TestImages.read(given().queryParam("width", 24).get("/v1/images/gradient")
                .then().statusCode(200).extract().asByteArray());
        assertEquals(24, half.getWidth());
        assertEquals(16, half.getHeight());

        BufferedImage both = TestImages.read(given().queryParam("width", 10).queryParam("height", 30)
                .get("/v1/images/gradient").then().statusCode(200).extract().asByteArray());
        assertEquals(10, both.getWidth());
        assertEquals(30, both.getHeight());

        BufferedImage full = TestImages.read(given().get("/v1/images/gradient").asByteArray());
        BufferedImage region = TestImages.read(given().queryParam("region", "8,4,20,10").get("/v1/images/gradient")
                .then().statusCode(200).extract().asByteArray());
        assertEquals(20, region.getWidth());
        assertEquals(10, region.getHeight());
        assertEquals(full.getRGB(8, 4), region.getRGB(0, 0));
        assertEquals(full.getRGB(27, 13), region.getRGB(19, 9));

        String plain = given().get("/v1/images/gradient").header("ETag");
        String cropped = given().queryParam("region", "8,4,20,10").get("/v1/images/gradient").header("ETag");
        assertNotEquals(plain, cropped, "the ETag covers the rendering parameters");

        given().queryParam("region", "40,0,20,10").get("/v1/images/gradient")
                .then().statusCode(400).body("detail", containsString("outside"));
        given().queryParam("region", "1,2,3").get("/v1/images/gradient").then().statusCode(400);
        given().queryParam("width", 0).get("/v1/images/gradient").then().statusCode(400);
        given().queryParam("width", 60000).queryParam("height", 60000).get("/v1/images/gradient")
                .then().statusCode(413);
    }

    @Test
    void concurrentRequestsForAnImageNotYetDecodedShareOneDecode() {
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType("image/png")
                .body(TestImages.gradientPng(64, 48)).put("/v1/images/popular").then().statusCode(201);
        Timer decodes = registry.timer("huvr.decode");
        long before = decodes.count();
        List<CompletableFuture<Integer>> requests = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> given().queryParam("width", 10 + i).get("/v1/images/popular").statusCode()))
                .toList();
        requests.forEach(request -> assertEquals(200, request.join()));
        assertEquals(1, decodes.count() - before);
    }

    @Test
    void aRegionOfAnImageNotYetDecodedDecodesOnlyThatRegion() {
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType("image/png")
                .body(TestImages.gradientPng(96, 64)).put("/v1/images/regional").then().statusCode(201);
        Timer fullDecodes = registry.timer("huvr.decode");
        Timer regionDecodes = registry.timer("huvr.decode.region");
        long fullBefore = fullDecodes.count();
        long regionBefore = regionDecodes.count();

        BufferedImage region = TestImages.read(given().queryParam("region", "37,21,30,25").get("/v1/images/regional")
                .then().statusCode(200).extract().asByteArray());
        assertEquals(1, regionDecodes.count() - regionBefore);
        assertEquals(0, fullDecodes.count() - fullBefore, "a region alone needs no full decode");

        BufferedImage full = TestImages.read(given().get("/v1/images/regional").asByteArray());
        assertArrayEquals(full.getRGB(37, 21, 30, 25, null, 0, 30), region.getRGB(0, 0, 30, 25, null, 0, 30),
                "the region's pixels are those of the full decode");
        given().queryParam("region", "0,0,10,10").get("/v1/images/regional").then().statusCode(200);
        assertEquals(1, regionDecodes.count() - regionBefore, "once decoded in full, regions come from the cache");
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        Response get = given().get("/v1/images/gradient");
        Response head = given().head("/v1/images/gradient");
        head.then().statusCode(200).contentType("image/png").header("ETag", get.header("ETag"))
                .header("Content-Length", get.header("Content-Length"));
        assertEquals(0, head.asByteArray().length);
    }

    @Test
    void servesTheStoredBitstreamAndItsHeader() throws Exception {
        Response bitstream = given().get("/v1/images/gradient.huvr");
        bitstream.then().statusCode(200).contentType(HuvrMediaTypes.HUVR).header("Cache-Control", IMMUTABLE);
        byte[] bytes = bitstream.asByteArray();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals("\"" + sha + "\"", bitstream.header("ETag"));
        given().header("If-None-Match", "\"" + sha + "\"").get("/v1/images/gradient.huvr").then().statusCode(304);

        given().get("/v1/images/gradient/info")
                .then().statusCode(200).contentType("application/json")
                .body("header.width", equalTo(48)).body("header.height", equalTo(32))
                .body("chunks[0].type", equalTo("TILE"));
    }

    @Test
    void listsTheArchiveWithEachImagesBitsPerPixelAndTheEncodersPsnr() throws Exception {
        HuvrImage encoded = HuvrReader.read(CodecEndpointsTest.encode(TestImages.gradientPng(24, 16)));
        byte[] measured = withPsnr(encoded, "31.27");
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType(HuvrMediaTypes.HUVR).body(measured)
                .put("/v1/images/measured").then().statusCode(anyOf(equalTo(201), equalTo(200)));
        // The key is informative: a value that is no number is left out, not an error.
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType(HuvrMediaTypes.HUVR)
                .body(withPsnr(encoded, "high")).put("/v1/images/unparsable").then().statusCode(anyOf(equalTo(201), equalTo(200)));
        int gradientBytes = given().get("/v1/images/gradient.huvr").then().statusCode(200).extract().asByteArray().length;

        Response list = given().get("/v1/images");
        list.then().statusCode(200).body("ids", hasItem("gradient"))
                .body("images.find { it.id == 'gradient' }.width", equalTo(48))
                .body("images.find { it.id == 'gradient' }.height", equalTo(32))
                .body("images.find { it.id == 'gradient' }.bytes", equalTo(gradientBytes))
                .body("images.find { it.id == 'gradient' }.psnrRgb", nullValue())
                .body("images.find { it.id == 'measured' }.bytes", equalTo(measured.length))
                .body("images.find { it.id == 'unparsable' }.psnrRgb", nullValue());
        assertEquals(8.0 * gradientBytes / (48 * 32),
                list.jsonPath().getDouble("images.find { it.id == 'gradient' }.bitsPerPixel"), 1e-6);
        assertEquals(31.27, list.jsonPath().getDouble("images.find { it.id == 'measured' }.psnrRgb"), 1e-6);
        assertEquals(list.jsonPath().getList("ids"), list.jsonPath().getList("images.id"));
    }

    private static byte[] withPsnr(HuvrImage image, String psnr) throws Exception {
        return HuvrWriter.toBytes(image.header().toBuilder().putMetadata(MetadataKeys.PSNR_RGB, psnr).build(),
                image.chunks());
    }

    @Test
    void validatesIdsSoNoPathLeavesTheArchive() {
        // Depending on how the server normalises the path, a hostile id is refused (400) or matches no route (404).
        for (String id : new String[] {"..%2F..%2Fetc%2Fpasswd", "a.b", "..", "%2e%2e", "%2e%2e%2ftiny.huvrm",
                "-leading-dash", "with%20space", "x".repeat(129)}) {
            given().urlEncodingEnabled(false).get("/v1/images/" + id)
                    .then().statusCode(anyOf(equalTo(400), equalTo(404))).contentType(ProblemDocument.MEDIA_TYPE);
        }
        for (String id : new String[] {"a.b", "-leading-dash", "with%20space", "x".repeat(129)}) {
            given().urlEncodingEnabled(false).get("/v1/images/" + id)
                    .then().statusCode(400).body("type", equalTo("urn:huvr:problem:invalid-id"));
        }
        given().urlEncodingEnabled(false).header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY)
                .contentType("image/png").body(PNG).put("/v1/images/..%2Fescape")
                .then().statusCode(anyOf(equalTo(400), equalTo(404)));
        given().urlEncodingEnabled(false).get("/v1/images/..%2F..%2Ftiny.huvrm/info").then().statusCode(not(200));
        given().get("/v1/images/missing").then().statusCode(404).contentType(ProblemDocument.MEDIA_TYPE)
                .body("detail", containsString("missing"));
    }
}
