package io.github.camelaliyun.vod.aijob;

import io.github.camelaliyun.vod.aijob.observability.VodAiJobHealthDetails;
import java.time.Duration;
import java.util.Collection;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Polls that keep failing turn the consumer's readiness DOWN; a poll that succeeds turns it UP again. */
class ConsumerHealthTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        VodAiJobComponent component = EmulatedService.pointAt(camel, VOD.emulator());
        component.getConfiguration().setMaxRetries(0);
        HealthChecksForTests.install(camel);
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:health?delay=50&initialDelay=0").routeId("health").to("mock:done");
            }
        };
    }

    @Test
    void readinessFollowsThePolls() {
        VOD.emulator().addJob(EmulatedJob.builder("h1").neverFinishes().build());
        VOD.emulator().faults().rate(Fault.THROTTLE, 1.0);
        template.sendBody("aivod-aijob:health?operation=track", "h1");

        await().atMost(Duration.ofSeconds(10)).until(() -> consumerState() == HealthCheck.State.DOWN);
        HealthCheck.Result down = consumerResult();
        assertThat(down.getMessage().orElse("") + down.getError().map(Throwable::getMessage).orElse(""))
                .contains("Throttling.User");
        assertThat(down.getDetails()).containsEntry(AbstractHealthCheck.SERVICE_ERROR_CODE, "Throttling.User")
                .containsKey(VodAiJobHealthDetails.REQUEST_ID);
        assertThat(down.getDetails().get(VodAiJobHealthDetails.REQUEST_ID).toString()).hasSize(36);

        VOD.emulator().faults().clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumerState() == HealthCheck.State.UP);
    }

    private HealthCheck.State consumerState() {
        return consumerResult().getState();
    }

    private HealthCheck.Result consumerResult() {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context);
        return results.stream().filter(r -> r.getCheck().getId().equals("consumer:health")).findFirst()
                .orElseThrow(() -> new AssertionError("no consumer check among " + results.stream()
                        .map(r -> r.getCheck().getId()).toList()));
    }
}
