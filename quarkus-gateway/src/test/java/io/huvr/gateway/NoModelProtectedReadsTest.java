package io.huvr.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A gateway whose model file is missing stays up but not ready, and answers codec requests 503; with
 * protect-reads, every API request needs a key, and responses are cacheable only privately.
 */
@QuarkusTest
@TestProfile(NoModelProtectedReadsTest.MissingModelAndProtectedReads.class)
class NoModelProtectedReadsTest {
    private static final String KEY = "reader-key";

    public static class MissingModelAndProtectedReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("huvr.gateway.model", "/nonexistent/model.huvrm",
                    "huvr.gateway.archive.dir", "target/no-model-archive",
                    "huvr.gateway.auth.api-keys", KEY,
                    "huvr.gateway.auth.protect-reads", "true");
        }
    }

    @Test
    void isLiveButNotReadyWithoutAModel() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'model loaded' }.data.error", containsString("/nonexistent/model.huvrm"));
        given().header(ApiKeyFilter.HEADER, KEY).contentType("image/png").body(TestImages.gradientPng(8, 8))
                .post("/v1/encode")
                .then().statusCode(503).contentType(ProblemDocument.MEDIA_TYPE)
                .body("type", equalTo("urn:huvr:problem:model-unavailable"));
    }

    @Test
    void readsNeedAKeyWhenProtected() {
        given().get("/v1/images").then().statusCode(401).header("WWW-Authenticate", containsString("X-API-Key"));
        given().header(ApiKeyFilter.HEADER, "wrong").get("/v1/images").then().statusCode(403);
        given().header(ApiKeyFilter.HEADER, KEY).get("/v1/images").then().statusCode(200);
        given().contentType("image/png").body(TestImages.gradientPng(8, 8)).post("/v1/encode").then().statusCode(401);
        // The page and the operational endpoints stay open.
        given().get("/").then().statusCode(200);
    }
}
