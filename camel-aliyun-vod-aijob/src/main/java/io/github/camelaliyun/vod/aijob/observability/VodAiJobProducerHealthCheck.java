package io.github.camelaliyun.vod.aijob.observability;

import io.github.camelaliyun.vod.aijob.VodAiJobEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobException;

/**
 * Readiness of a producer: can it reach the service and sign in? Asks ListAIJob about an id that does not exist
 * (free, and changes nothing), at most once per {@code healthCheckInterval}, in the background: one attempt, no
 * retries, at most {@link #PROBE_TIMEOUT_MILLIS} (or {@code requestTimeout}, if shorter). A call never waits for a
 * probe in progress; it answers the last known state, except the very first call, which waits up to
 * {@link #FIRST_ANSWER_WAIT_MILLIS} for the first probe and otherwise answers DOWN "probe in progress".
 * Throttling counts as UP: the service was reached and accepted the signature. A failure is reported with Camel's
 * {@link #SERVICE_ERROR_CODE} and {@link #SERVICE_STATUS_CODE} details, as Camel's AWS checks do, and the
 * {@link VodAiJobHealthDetails#REQUEST_ID}.
 */
public class VodAiJobProducerHealthCheck extends AbstractHealthCheck {

    public static final String PROBE_JOB_ID = "aivod-aijob-health-probe";
    /** The longest one probe may take. */
    public static final long PROBE_TIMEOUT_MILLIS = 5_000;
    /** How long the first call waits for the first probe: well inside Kubernetes' default 1 s probe timeout. */
    public static final long FIRST_ANSWER_WAIT_MILLIS = 250;

    /** What the last finished probe found: no failure (UP) or the failure. */
    private record Outcome(Throwable failure) {
    }

    private final VodAiJobEndpoint endpoint;
    private final Object lock = new Object();
    private CompletableFuture<Void> probeInFlight;
    private long lastProbeStartMillis;
    private volatile Outcome last;

    /** @param client the producer's client; the probe uses {@link VodAiJobEndpoint#probeClient(long)} instead */
    public VodAiJobProducerHealthCheck(VodAiJobEndpoint endpoint, VodAiJobClient client) {
        super("camel", "producer:aivod-aijob-" + endpoint.getLabel());
        this.endpoint = endpoint;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CompletableFuture<Void> started = startProbeIfDue();
        Outcome known = last;
        if (known == null && started != null) {
            known = awaitFirst(started);
        }
        builder.detail("service.url", endpoint.getServiceUrl());
        if (known == null) {
            builder.down().message("The first probe of " + endpoint.getServiceUrl() + " is in progress");
            return;
        }
        Throwable failure = known.failure();
        if (failure == null) {
            builder.up();
            return;
        }
        builder.down().message(failure.getMessage()).error(failure);
        if (failure instanceof VodAiJobException e) {
            builder.detail(SERVICE_ERROR_CODE, e.getErrorCode());
            if (e.getHttpStatus() > 0) {
                builder.detail(SERVICE_STATUS_CODE, e.getHttpStatus());
            }
            if (e.getRequestId() != null) {
                builder.detail(VodAiJobHealthDetails.REQUEST_ID, e.getRequestId());
            }
        }
    }

    /** Starts a probe when none is running and the last one is older than the interval; returns it, or null. */
    private CompletableFuture<Void> startProbeIfDue() {
        synchronized (lock) {
            long now = System.currentTimeMillis();
            if (probeInFlight != null
                || last != null && now - lastProbeStartMillis < endpoint.getConfiguration().getHealthCheckInterval()) {
                return null;
            }
            lastProbeStartMillis = now;
            CompletableFuture<Void> probe = probe();
            if (!probe.isDone()) {
                probeInFlight = probe;
            }
            return probe;
        }
    }

    private CompletableFuture<Void> probe() {
        long timeout = Math.min(PROBE_TIMEOUT_MILLIS, endpoint.getConfiguration().getRequestTimeout());
        CompletableFuture<?> call;
        try {
            call = endpoint.probeClient(timeout).listAiJobsAsync(List.of(PROBE_JOB_ID));
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        // the component's client ends the call itself at the deadline; this bounds a client of your own too
        return call.orTimeout(timeout + 1_000, TimeUnit.MILLISECONDS).handle((result, error) -> {
            finished(error);
            return null;
        });
    }

    private void finished(Throwable error) {
        Throwable failure = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (failure instanceof TimeoutException) {
            failure = new TimeoutException("No answer from " + endpoint.getServiceUrl() + " to the readiness probe");
        }
        boolean reached = failure instanceof VodAiJobException e && e.getErrorCode() != null
                          && e.getErrorCode().startsWith("Throttling");
        synchronized (lock) {
            last = new Outcome(reached ? null : failure);
            probeInFlight = null;
        }
    }

    private Outcome awaitFirst(CompletableFuture<Void> probe) {
        try {
            probe.get(FIRST_ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // not finished yet: answer "in progress"; the probe goes on and the next call sees its outcome
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last;
    }
}
