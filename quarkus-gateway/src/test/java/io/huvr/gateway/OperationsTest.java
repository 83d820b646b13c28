package io.huvr.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
@WithTestResource(TinyModelResource.class)
class OperationsTest {

    @Test
    void isReadyOnceTheModelIsLoadedWithoutAKafkaFeed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("model loaded"))
                .body("checks.find { it.name == 'model loaded' }.data.name", equalTo("tiny-1"))
                .body("checks.find { it.name == 'kafka archive feed' }.data.state", equalTo("off"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesDecodeLatencyCacheAndQueueMetrics() {
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType("image/png")
                .body(TestImages.gradientPng(24, 24)).put("/v1/images/metered")
                .then().statusCode(anyOf(equalTo(201), equalTo(200)));
        given().get("/v1/images/metered").then().statusCode(200);
        given().queryParam("width", 12).get("/v1/images/metered").then().statusCode(200);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("huvr_decode_seconds_bucket{"))
                .body(containsString("huvr_encode_seconds_count"))
                .body(containsString("huvr_codec_queue_depth"))
                .body(matchesPattern("(?s).*cache_gets_total\\{cache=\"huvr.decoded.images\",result=\"hit\"\\} [1-9].*"))
                .body(matchesPattern("(?s).*cache_gets_total\\{cache=\"huvr.decoded.images\",result=\"miss\"\\} [1-9].*"));
    }

    @Test
    void documentsTheApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/v1/encode"))
                .body("paths", hasKey("/v1/images/{id}"))
                .body("paths.'/v1/images/{id}'.get.description", containsString("decodes the whole image"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void servesTheWebPage() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("app.js"));
        given().get("/app.js").then().statusCode(200).body(containsString("/v1/compare"));
    }
}
