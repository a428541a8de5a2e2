package io.github.camelaliyun.vod.aijob;

import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobException;

/**
 * Readiness of a producer: can it reach the service and sign in? Asks ListAIJob about an id that does not exist
 * (free, and changes nothing), at most once per {@code healthCheckInterval}; in between it repeats the last answer.
 * Throttling counts as UP: the service was reached and accepted the signature.
 */
public class VodAiJobProducerHealthCheck extends AbstractHealthCheck {

    static final String PROBE_JOB_ID = "aivod-aijob-health-probe";

    private final VodAiJobEndpoint endpoint;
    private final VodAiJobClient client;
    private long lastProbeMillis;
    private HealthCheck.State lastState;
    private VodAiJobException lastFailure;

    public VodAiJobProducerHealthCheck(VodAiJobEndpoint endpoint, VodAiJobClient client) {
        super("camel", "producer:aivod-aijob-" + endpoint.getLabel());
        this.endpoint = endpoint;
        this.client = client;
    }

    @Override
    protected synchronized void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long now = System.currentTimeMillis();
        if (lastState == null || now - lastProbeMillis >= endpoint.getConfiguration().getHealthCheckInterval()) {
            probe();
            lastProbeMillis = now;
        }
        builder.detail("service.url", endpoint.getServiceUrl());
        if (lastState == HealthCheck.State.UP) {
            builder.up();
            return;
        }
        builder.down().message(lastFailure.getMessage()).error(lastFailure)
                .detail(VodAiJobConsumer.HEALTH_DETAIL_ERROR_CODE, lastFailure.getErrorCode())
                .detail(VodAiJobConsumer.HEALTH_DETAIL_REQUEST_ID, String.valueOf(lastFailure.getRequestId()));
    }

    private void probe() {
        try {
            client.listAiJobs(List.of(PROBE_JOB_ID));
            lastState = HealthCheck.State.UP;
            lastFailure = null;
        } catch (VodAiJobException e) {
            boolean reached = e.getErrorCode() != null && e.getErrorCode().startsWith("Throttling");
            lastState = reached ? HealthCheck.State.UP : HealthCheck.State.DOWN;
            lastFailure = reached ? null : e;
        }
    }
}
