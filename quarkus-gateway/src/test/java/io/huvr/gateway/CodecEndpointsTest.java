package io.huvr.gateway;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.image.Images;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.Chunk;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(TinyModelResource.class)
class CodecEndpointsTest {
    private static final byte[] SMALL_PNG = TestImages.gradientPng(40, 24);

    @TestHTTPResource("/v1/encode")
    URI encodeUri;

    static byte[] encode(byte[] png) {
        return given().contentType("image/png").body(png)
                .when().post("/v1/encode")
                .then().statusCode(200).contentType(HuvrMediaTypes.HUVR)
                .extract().asByteArray();
    }

    @Test
    void encodesAPhotoAndDecodesItToAPngOfTheSameSize() {
        Response encoded = given().contentType("image/png").body(Photos.bytes(Photos.HUBBLE)).when().post("/v1/encode");
        encoded.then().statusCode(200).contentType(HuvrMediaTypes.HUVR);
        byte[] bitstream = encoded.asByteArray();
        assertEquals("HUVR", new String(bitstream, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(String.valueOf(bitstream.length), encoded.header("Content-Length"));

        Response decoded = given().contentType(HuvrMediaTypes.HUVR).body(bitstream).when().post("/v1/decode");
        decoded.then().statusCode(200).contentType("image/png");
        assertEquals(String.valueOf(decoded.asByteArray().length), decoded.header("Content-Length"));
        BufferedImage image = TestImages.read(decoded.asByteArray());
        assertEquals(320, image.getWidth());
        assertEquals(256, image.getHeight());
    }

    @Test
    void encodesAMultipartUploadLikeARawBody() {
        byte[] raw = encode(SMALL_PNG);
        byte[] form = given().multiPart("image", "small.png", SMALL_PNG, "image/png")
                .when().post("/v1/encode")
                .then().statusCode(200).contentType(HuvrMediaTypes.HUVR)
                .extract().asByteArray();
        assertArrayEquals(raw, form, "encoding is deterministic");
    }

    @Test
    void qualityChoosesTheOperatingPoint() {
        byte[] q1 = given().contentType("image/png").body(SMALL_PNG).queryParam("quality", 1)
                .post("/v1/encode").then().statusCode(200).extract().asByteArray();
        byte[] q3 = given().contentType("image/png").body(SMALL_PNG).queryParam("quality", 3)
                .post("/v1/encode").then().statusCode(200).extract().asByteArray();
        assertFalse(Arrays.equals(q1, q3), "another operating point gives another bitstream");
    }

    @Test
    void servesJpegWhenAcceptPrefersItAnd406ForFormatsItDoesNotServe() {
        byte[] bitstream = encode(SMALL_PNG);
        byte[] jpeg = given().contentType(HuvrMediaTypes.HUVR).accept("image/webp;q=1, image/jpeg;q=0.9, image/png;q=0.5")
                .body(bitstream).post("/v1/decode")
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertEquals(40, TestImages.read(jpeg).getWidth());

        given().contentType(HuvrMediaTypes.HUVR).accept("image/webp").body(bitstream).post("/v1/decode")
                .then().statusCode(406).contentType(ProblemDocument.MEDIA_TYPE).body("status", equalTo(406));
    }

    @Test
    void refusesHostileBitstreamsWithAProblemDocumentAndNoStackTrace() {
        byte[] bitstream = encode(SMALL_PNG);
        given().contentType(HuvrMediaTypes.HUVR).body("not a huvr file".getBytes(StandardCharsets.US_ASCII))
                .post("/v1/decode")
                .then().statusCode(400).contentType(ProblemDocument.MEDIA_TYPE)
                .body("type", equalTo("urn:huvr:problem:invalid-bitstream"))
                .body("title", equalTo("Bad Request"))
                .body("detail", containsString("BAD_MAGIC"))
                .body("instance", equalTo("/v1/decode"))
                .body(not(containsString("\tat ")));

        given().contentType(HuvrMediaTypes.HUVR).body(Arrays.copyOf(bitstream, bitstream.length - 7)).post("/v1/decode")
                .then().statusCode(400).body("detail", containsString("TRUNCATED"));

        byte[] flipped = bitstream.clone();
        flipped[flipped.length - 3] ^= 0x55;
        given().contentType(HuvrMediaTypes.HUVR).body(flipped).post("/v1/decode")
                .then().statusCode(400).body("detail", containsString("CRC"));
    }

    @Test
    void refusesABitstreamMadeForAnotherModel() throws Exception {
        HuvrModel other = HuvrModel.read(new ByteArrayInputStream(TinyModelResource.tinyModel(2)));
        byte[] foreign = new HuvrEncoder(other).encode(Images.readRgb(SMALL_PNG), EncodeOptions.defaults());
        given().contentType(HuvrMediaTypes.HUVR).body(foreign).post("/v1/decode")
                .then().statusCode(422).contentType(ProblemDocument.MEDIA_TYPE)
                .body("type", equalTo("urn:huvr:problem:undecodable-bitstream"));
    }

    @Test
    void maxBytesPicksTheHighestQualityThatFitsOrAnswers422() throws IOException {
        byte[] photo = Photos.bytes(Photos.HUBBLE);
        byte[][] byQuality = new byte[3][];
        for (int q = 1; q <= 3; q++) {
            byQuality[q - 1] = given().contentType("image/png").body(photo).queryParam("quality", q)
                    .post("/v1/encode").then().statusCode(200).extract().asByteArray();
        }
        // One byte short of quality 3 with its reconstruction filter: quality 3 still fits, with a cheaper filter or none.
        HuvrImage filtered = HuvrReader.read(byQuality[2]);
        byte[] fitted = given().contentType("image/png").body(photo).queryParam("maxBytes", byQuality[2].length - 1)
                .post("/v1/encode").then().statusCode(200).extract().asByteArray();
        assertTrue(filtered.filter().isPresent() && fitted.length < byQuality[2].length);
        assertEquals(filtered.header(), HuvrReader.read(fitted).header(), "quality 3 is the highest that fits");
        byte[] capped = given().contentType("image/png").body(photo).queryParam("maxBytes", 1_000_000)
                .queryParam("quality", 1).post("/v1/encode").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(byQuality[0], capped, "quality caps it");
        given().contentType("image/png").body(photo).queryParam("maxBytes", 10).post("/v1/encode")
                .then().statusCode(422).contentType(ProblemDocument.MEDIA_TYPE)
                .body("type", equalTo("urn:huvr:problem:budget-too-small"))
                .body("detail", containsString(unfilteredLength(byQuality[0]) + " bytes at quality 1"));
        given().contentType("image/png").body(photo).queryParam("maxBytes", 0).post("/v1/encode")
                .then().statusCode(400).body("detail", containsString("maxBytes"));
    }

    /** The length of a file without its reconstruction filter: the smallest a quality can be. */
    private static int unfilteredLength(byte[] file) throws IOException {
        HuvrImage image = HuvrReader.read(file);
        return HuvrWriter.toBytes(image.header(), image.chunks().stream().filter(c -> c.fourcc() != Chunk.FILT).toList()).length;
    }

    @Test
    void refusesBadParametersAndBodies() {
        given().contentType("image/png").body(SMALL_PNG).queryParam("quality", 9).post("/v1/encode")
                .then().statusCode(400).contentType(ProblemDocument.MEDIA_TYPE).body("detail", containsString("quality"));
        given().contentType("image/png").body(SMALL_PNG).queryParam("effort", 7).post("/v1/encode")
                .then().statusCode(400).body("detail", containsString("effort"));
        given().contentType("image/png").body(new byte[0]).post("/v1/encode")
                .then().statusCode(400).body("type", equalTo("urn:huvr:problem:empty-body"));
        given().contentType("image/png").body("plain text".getBytes(StandardCharsets.US_ASCII)).post("/v1/encode")
                .then().statusCode(415).body("type", equalTo("urn:huvr:problem:unsupported-image"));
        given().contentType("text/plain").body("x").post("/v1/decode")
                .then().statusCode(415).contentType(ProblemDocument.MEDIA_TYPE);
    }

    @Test
    void refusesADecompressionBombFromItsHeaderAlone() {
        long start = System.nanoTime();
        given().contentType("image/png").body(TestImages.pngHeaderClaiming(100_000, 100_000)).post("/v1/encode")
                .then().statusCode(413).contentType(ProblemDocument.MEDIA_TYPE)
                .body("type", equalTo("urn:huvr:problem:too-many-pixels"))
                .body("detail", containsString("100000x100000"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "refused in " + millis + " ms");
    }

    @Test
    void refusesBodiesAndHeadersOverTheLimits() throws Exception {
        // Plain HttpClient: RestAssured would copy a body this large into its request log. With
        // "Expect: 100-continue" the gateway answers from Content-Length before the body is sent.
        HttpResponse<String> tooLarge = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(encodeUri)
                .header("Content-Type", "image/png").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[33 * 1024 * 1024])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooLarge.statusCode());
        given().contentType("image/png").header("X-Padding", "x".repeat(20_000)).body(SMALL_PNG).post("/v1/encode")
                .then().statusCode(431);
    }

    @Test
    void comparesTheOriginalWithTheDecodedImage() {
        given().contentType("image/png").body(Photos.bytes(Photos.IHC)).post("/v1/compare")
                .then().statusCode(200).contentType("application/json")
                .body("width", equalTo(200)).body("height", equalTo(190))
                .body("bytes", greaterThan(0))
                .body("bitsPerPixel", greaterThan(0f))
                .body("psnr", greaterThan(0f)).body("psnr", lessThan(100f))
                .body("ssim", notNullValue())
                .body("msssim", greaterThan(0f))
                .body("decodedPngBase64", notNullValue());
    }
}
