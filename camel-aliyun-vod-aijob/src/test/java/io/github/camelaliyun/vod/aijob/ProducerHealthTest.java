package io.github.camelaliyun.vod.aijob;

import io.github.camelaliyun.vod.aijob.observability.VodAiJobHealthDetails;
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

/** The producers' readiness: credentials and reachability, probed at most once per healthCheckInterval. */
class ProducerHealthTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

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
                String base = "?endpoint=" + VOD.emulator().url() + "&accessKeyId=" + VodEmulator.DEMO_ACCESS_KEY_ID
                              + "&maxRetries=0&healthCheckInterval=1h";
                from("direct:good").to("aivod-aijob:good" + base + "&secretKey="
                                       + VodEmulator.DEMO_ACCESS_KEY_SECRET);
                from("direct:bad").to("aivod-aijob:bad" + base + "&secretKey=wrong-secret-789");
            }
        };
    }

    @Test
    void goodCredentialsAreUpWrongOnesDownWithCodeAndRequestIdAndNoSecret() {
        HealthCheck.Result good = probed("producer:aivod-aijob-good");
        HealthCheck.Result bad = probed("producer:aivod-aijob-bad");

        assertThat(good.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(bad.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(bad.getDetails()).containsEntry(AbstractHealthCheck.SERVICE_ERROR_CODE, "SignatureDoesNotMatch")
                .containsEntry(AbstractHealthCheck.SERVICE_STATUS_CODE, 400)
                .containsKey(VodAiJobHealthDetails.REQUEST_ID);
        assertThat(bad.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("RequestId=")
                .doesNotContain("wrong-secret-789"));
        long calls = VOD.emulator().stats().requests();

        for (int i = 0; i < 5; i++) {
            assertThat(result("producer:aivod-aijob-bad").getState()).isEqualTo(HealthCheck.State.DOWN);
        }
        assertThat(VOD.emulator().stats().requests()).as("probed at most once per interval").isEqualTo(calls);
    }

    /** The result once the first probe has finished (the first call waits for it only briefly). */
    private HealthCheck.Result probed(String id) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> result(id),
                r -> r.getMessage().map(m -> !m.contains("in progress")).orElse(true));
    }

    private HealthCheck.Result result(String id) {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context);
        return results.stream().filter(r -> r.getCheck().getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not among " + results.stream()
                        .map(r -> r.getCheck().getId()).toList()));
    }
}
