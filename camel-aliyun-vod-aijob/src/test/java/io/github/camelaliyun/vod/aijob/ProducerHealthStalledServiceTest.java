package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.Collection;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The producer's readiness against a service that does not answer: each call returns at once (the probe runs in the
 * background, one attempt, with its own deadline), and the probe's failure is reported when it comes.
 */
class ProducerHealthStalledServiceTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    /** Generous: the check waits at most 250 ms; a probe through the retrying client would take requestTimeout x 4 attempts (12 s). */
    private static final long CALL_BOUND_MILLIS = 2_000;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        HealthChecksForTests.install(camel);
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stalled").to("aivod-aijob:stalled?endpoint=" + VOD.emulator().url()
                                          + "&accessKeyId=" + VodEmulator.DEMO_ACCESS_KEY_ID
                                          + "&secretKey=" + VodEmulator.DEMO_ACCESS_KEY_SECRET
                                          + "&requestTimeout=3s&maxRetries=3&healthCheckInterval=1h");
            }
        };
    }

    @Test
    void aStalledServiceNeverHoldsTheCallerAndIsReportedDownAfterOneAttempt() {
        VOD.emulator().faults().latency(Duration.ofSeconds(20));

        HealthCheck.Result first = timedResult();
        assertThat(first.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(first.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("in progress"));

        HealthCheck.Result failed = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(this::timedResult, r -> r.getDetails().containsKey(AbstractHealthCheck.SERVICE_ERROR_CODE));
        assertThat(failed.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(failed.getDetails()).containsEntry(AbstractHealthCheck.SERVICE_ERROR_CODE, "IOError");
        assertThat(failed.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("3000 ms"));
        assertThat(VOD.emulator().stats().requests()).as("one attempt, no retries").isEqualTo(1);
    }

    /** One readiness call, which must come back within the generous bound whatever the service does. */
    private HealthCheck.Result timedResult() {
        long start = System.nanoTime();
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("readiness call duration (ms)").isLessThan(CALL_BOUND_MILLIS);
        return results.stream().filter(r -> r.getCheck().getId().equals("producer:aivod-aijob-stalled")).findFirst()
                .orElseThrow();
    }
}
