package io.huvr.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One codec thread and one queue slot: a saturated gateway answers 503 with Retry-After, then recovers. */
@QuarkusTest
@WithTestResource(TinyModelResource.class)
@TestProfile(OverloadTest.TightPool.class)
class OverloadTest {
    public static class TightPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("huvr.gateway.workers.threads", "1",
                    "huvr.gateway.workers.queue", "1",
                    "huvr.gateway.workers.timeout", "3s",
                    "huvr.gateway.workers.retry-after", "7s");
        }
    }

    @Inject
    CodecPool pool;

    @Test
    void answers503WhenTheQueueIsFullOrARequestWaitsTooLongThenRecovers() throws Exception {
        byte[] bitstream = CodecEndpointsTest.encode(TestImages.gradientPng(16, 16));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Occupies the only codec thread until released; its caller gives up after the timeout, the job does not.
        CompletableFuture.runAsync(() -> runIgnoringTimeout(() -> {
            running.countDown();
            release.await();
            return null;
        }));
        try {
            running.await();
            CompletableFuture<Void> queued = CompletableFuture.runAsync(() -> runIgnoringTimeout(() -> null));
            awaitQueueDepth(1);

            given().contentType(HuvrMediaTypes.HUVR).body(bitstream).post("/v1/decode")
                    .then().statusCode(503).contentType(ProblemDocument.MEDIA_TYPE)
                    .header("Retry-After", "7")
                    .body("type", equalTo("urn:huvr:problem:overloaded"))
                    .body("detail", containsString("queue is full"));

            queued.join();
            long start = System.nanoTime();
            given().contentType(HuvrMediaTypes.HUVR).body(bitstream).post("/v1/decode")
                    .then().statusCode(503).header("Retry-After", "7")
                    .body("detail", containsString("longer than 3000 ms"));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 2900);
        } finally {
            release.countDown();
        }
        given().contentType(HuvrMediaTypes.HUVR).body(bitstream).post("/v1/decode").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("huvr_codec_rejected_total 1.0"))
                .body(containsString("huvr_codec_timeouts_total"));
    }

    private void runIgnoringTimeout(Callable<Object> job) {
        try {
            pool.run(job);
        } catch (ProblemException expected) {
            // The caller timed out; the test cares about the pool's state, not this caller.
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQueueDepth(int depth) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            String metrics = given().get("/q/metrics").asString();
            if (metrics.contains("huvr_codec_queue_depth " + depth + ".0")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the codec queue never reached depth " + depth);
    }
}
