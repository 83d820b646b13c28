package io.huvr.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(TinyModelResource.class)
class CodecEndpointsTest {

    static byte[] encode(byte[] image) {
        return given().contentType("image/png").body(image)
                .when().post("/v1/encode")
                .then().statusCode(200).contentType(HuvrMediaTypes.HUVR)
                .extract().asByteArray();
    }

    static BufferedImage read(byte[] encoded) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(encoded));
    }

    @Test
    void encodesARawBodyAndDecodesItToPngOfTheSameSize() throws IOException {
        Response encoded = given().contentType("image/png").body(Photos.bytes(Photos.HUBBLE))
                .when().post("/v1/encode");
        encoded.then().statusCode(200).contentType(HuvrMediaTypes.HUVR);
        byte[] bitstream = encoded.asByteArray();
        assertEquals("HUVR", new String(bitstream, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(String.valueOf(bitstream.length), encoded.header("Content-Length"));

        Response decoded = given().contentType(HuvrMediaTypes.HUVR).body(bitstream).when().post("/v1/decode");
        decoded.then().statusCode(200).contentType("image/png");
        BufferedImage image = read(decoded.asByteArray());
        assertEquals(320, image.getWidth());
        assertEquals(256, image.getHeight());
    }
}
