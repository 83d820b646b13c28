package io.huvr.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The only threads that run the model. SameDiff keeps an inference session per calling thread and never
 * frees it, so the gateway uses a fixed set of threads with a bounded queue: when both are full, or a
 * request waits longer than its timeout, the caller gets a 503 with Retry-After instead of piling up.
 */
@ApplicationScoped
public class CodecPool {
    private final ThreadPoolExecutor executor;
    private final long timeoutMillis;
    private final long retryAfterSeconds;
    private final Counter rejected;
    private final Counter timedOut;

    public CodecPool(GatewayConfig config, MeterRegistry registry) {
        GatewayConfig.Workers workers = config.workers();
        int threads = Math.max(1, Math.min(workers.threads(), Runtime.getRuntime().availableProcessors()));
        AtomicInteger index = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, workers.queue())), task -> {
                    Thread thread = new Thread(task, "huvr-codec-" + index.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.timeoutMillis = workers.timeout().toMillis();
        this.retryAfterSeconds = Math.max(1, workers.retryAfter().toSeconds());
        this.rejected = Counter.builder("huvr.codec.rejected").description("Codec requests refused because the queue was full")
                .register(registry);
        this.timedOut = Counter.builder("huvr.codec.timeouts").description("Codec requests that ran past their timeout")
                .register(registry);
        Gauge.builder("huvr.codec.queue.depth", executor, e -> e.getQueue().size())
                .description("Codec requests waiting for a thread").register(registry);
        Gauge.builder("huvr.codec.active", executor, ThreadPoolExecutor::getActiveCount)
                .description("Codec threads busy").register(registry);
    }

    /**
     * Runs a job on a codec thread and waits for it, up to the configured timeout. The job's own
     * exceptions reach the caller unchanged.
     *
     * @throws ProblemException 503 with a Retry-After when the pool is saturated or the job took too long
     */
    public <T> T run(Callable<T> job) throws Exception {
        FutureTask<T> task = new FutureTask<>(job);
        execute(task);
        try {
            return await(task);
        } catch (ProblemException saturated) {
            // A job still queued gives its place back; one already running finishes and is discarded.
            task.cancel(false);
            executor.remove(task);
            throw saturated;
        }
    }

    /**
     * Starts a job whose result several requests may share, each waiting with {@link #await}. The job
     * goes on when one of them gives up.
     *
     * @throws ProblemException 503 with a Retry-After when the queue is full
     */
    public <T> CompletableFuture<T> start(Callable<T> job) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(new FutureTask<>(job) {
            @Override
            protected void done() {
                if (isCancelled()) {
                    result.cancel(false);
                    return;
                }
                try {
                    result.complete(get());
                } catch (ExecutionException e) {
                    result.completeExceptionally(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result.completeExceptionally(e);
                }
            }
        });
        return result;
    }

    /**
     * Waits for a job's result up to the configured timeout; the job's own exceptions reach the caller unchanged.
     *
     * @throws ProblemException 503 with a Retry-After when the job took too long or the gateway is shutting down
     */
    public <T> T await(Future<T> result) throws Exception {
        try {
            return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            timedOut.increment();
            throw saturated("the request took longer than " + timeoutMillis + " ms");
        } catch (CancellationException e) {
            throw saturated("the gateway is shutting down");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.increment();
            throw saturated("the codec queue is full");
        }
    }

    /** Stops the threads; callers of jobs that never started get a 503 at once instead of waiting out their timeout. */
    @PreDestroy
    void shutdown() {
        for (Runnable neverStarted : executor.shutdownNow()) {
            ((Future<?>) neverStarted).cancel(false);
        }
    }

    private ProblemException saturated(String detail) {
        return new ProblemException(503, "overloaded", detail, retryAfterSeconds);
    }
}
