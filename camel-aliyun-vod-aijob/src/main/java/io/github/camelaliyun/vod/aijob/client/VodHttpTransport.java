package io.github.camelaliyun.vod.aijob.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;

/**
 * The pooled, non-blocking HTTP side of the client: one Apache HttpClient 5 async client with its connection pool,
 * plus one timer thread for retry delays, request deadlines and rate-limit waits. Meant to be shared: a component creates one and every endpoint's client
 * sends through it; {@link #ensureCapacity(int)} grows the pool to the largest concurrency asked for.
 */
public final class VodHttpTransport implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final PoolingAsyncClientConnectionManager connectionManager;
    private final CloseableHttpAsyncClient httpClient;
    private final ScheduledExecutorService scheduler;
    private int capacity;

    public VodHttpTransport(int initialCapacity) {
        int instance = INSTANCES.incrementAndGet();
        this.capacity = Math.max(1, initialCapacity);
        this.connectionManager = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(capacity)
                .setMaxConnPerRoute(capacity)
                // the service speaks HTTP/1.1; negotiating HTTP/2 would only add a round trip
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .build();
        this.httpClient = HttpAsyncClients.custom()
                .setConnectionManager(connectionManager)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(
                        Math.min(2, Runtime.getRuntime().availableProcessors())).build())
                .setThreadFactory(named("aivod-aijob-io-" + instance))
                // retries are decided by RetryPolicy, which knows the service's error codes
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "aivod-aijob-rate-gate",
                        this::gateThenProceed)
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableRedirectHandling()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, named("aivod-aijob-timer-" + instance));
        // most timers are deadlines cancelled when the reply comes: drop them at once rather than at their time
        timers.setRemoveOnCancelPolicy(true);
        this.scheduler = timers;
        httpClient.start();
    }

    /** The context attribute naming the {@link RateLimiter} whose {@link RateLimiter#gate()} a request passes. */
    static final String RATE_LIMITER_ATTRIBUTE = "io.github.camelaliyun.vod.aijob.rateLimiter";

    /**
     * Runs after the connection is ready and before the request is written: waits, without blocking the I/O thread,
     * until the request's rate limiter lets it go.
     */
    private void gateThenProceed(
            HttpRequest request, AsyncEntityProducer entity, AsyncExecChain.Scope scope, AsyncExecChain chain,
            AsyncExecCallback callback) throws HttpException, IOException {
        Object limiter = scope.clientContext.getAttribute(RATE_LIMITER_ATTRIBUTE);
        long waitNanos = limiter instanceof RateLimiter ? ((RateLimiter) limiter).gate() : 0;
        if (waitNanos <= 0) {
            chain.proceed(request, entity, scope, callback);
            return;
        }
        schedule(() -> {
            try {
                chain.proceed(request, entity, scope, callback);
            } catch (HttpException | IOException | RuntimeException e) {
                callback.failed(e);
            }
        }, TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1).exceptionally(e -> {
            callback.failed(e instanceof Exception ? (Exception) e : new IOException(e));
            return null;
        });
    }

    /** Grows the connection pool so that {@code connections} calls can be in flight at once; never shrinks it. */
    public synchronized void ensureCapacity(int connections) {
        if (connections > capacity) {
            capacity = connections;
            connectionManager.setMaxTotal(connections);
            connectionManager.setDefaultMaxPerRoute(connections);
        }
    }

    Future<SimpleHttpResponse> execute(
            SimpleHttpRequest request, HttpClientContext context, FutureCallback<SimpleHttpResponse> callback) {
        return httpClient.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(), null,
                context, callback);
    }

    /** Runs {@code task} after {@code delayMillis}; the returned future fails if the transport is already closed. */
    CompletableFuture<Void> schedule(Runnable task, long delayMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> {
                task.run();
                done.complete(null);
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Runs {@code task} after {@code delayMillis} unless cancelled first; a closed transport runs it at once. */
    ScheduledFuture<?> scheduleTimeout(Runnable task, long delayMillis) {
        try {
            return scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            task.run();
            return null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        // the pool first, at once: a connection still waiting for a stalled service would otherwise hold the I/O
        // reactor's graceful shutdown for its whole grace period, which then ends in a ClosedSelectorException
        connectionManager.close(CloseMode.IMMEDIATE);
        httpClient.close(CloseMode.GRACEFUL);
        try {
            httpClient.awaitShutdown(TimeValue.ofSeconds(5));
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
