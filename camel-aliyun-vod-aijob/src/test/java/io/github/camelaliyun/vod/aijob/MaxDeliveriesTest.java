package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.reliability.LogCapture;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job whose route always fails (a poison job) is delivered at most maxDeliveries times, the last one marked, and then
 * leaves the store with an ERROR naming it. Camel's error handlers that handle the failure make the exchange succeed,
 * so the job leaves the store after its first delivery.
 */
class MaxDeliveriesTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    /** job id : delivery count : last delivery header, per exchange the poison route received. */
    private final List<String> poisoned = Collections.synchronizedList(new ArrayList<>());
    private final List<String> parked = Collections.synchronizedList(new ArrayList<>());
    private final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        // routes that fail on purpose: the consumer's ExceptionHandler reports those failures at DEBUG only
        camel.getRegistry().bind("quietHandler",
                new LoggingExceptionHandler(camel, VodAiJobConsumer.class, LoggingLevel.DEBUG));
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:poison?maxDeliveries=3&delay=50&initialDelay=0&exceptionHandler=#quietHandler").routeId("poison")
                        .errorHandler(noErrorHandler())
                        .process(e -> {
                            poisoned.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID) + ":"
                                         + e.getMessage().getHeader(VodAiJobConstants.DELIVERY_COUNT) + ":"
                                         + e.getMessage().getHeader(VodAiJobConstants.LAST_DELIVERY));
                            if (e.getMessage().getHeader(VodAiJobConstants.LAST_DELIVERY, false, Boolean.class)) {
                                parked.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class));
                            }
                            throw new IllegalStateException("the downstream system refuses this job (on purpose)");
                        });
                from("aivod-aijob:dlc?delay=50&initialDelay=0").routeId("dlc")
                        .errorHandler(deadLetterChannel("direct:dead").logExhausted(false))
                        .process(e -> {
                            throw new IllegalStateException("refused (on purpose)");
                        });
                from("direct:dead").process(e -> deadLettered.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID,
                        String.class)));
            }
        };
    }

    @Test
    void aPoisonJobIsDeliveredMaxDeliveriesTimesThenDroppedWithAnErrorNamingIt() {
        VOD.emulator().addJob(EmulatedJob.builder("poison-1").build());
        VOD.emulator().addJob(EmulatedJob.builder("poison-2").build());
        String log;
        try (LogCapture capture = LogCapture.atConfiguredLevels()) {
            template.sendBody("aivod-aijob:poison?operation=track", "poison-1 poison-2");

            await().atMost(Duration.ofSeconds(10)).until(() -> endpoint("poison").getJobStore().size() == 0);
            log = capture.text();
        }

        assertThat(poisoned).filteredOn(s -> s.startsWith("poison-1:"))
                .containsExactly("poison-1:1:false", "poison-1:2:false", "poison-1:3:true");
        assertThat(poisoned).filteredOn(s -> s.startsWith("poison-2:"))
                .containsExactly("poison-2:1:false", "poison-2:2:false", "poison-2:3:true");
        assertThat(parked).containsExactlyInAnyOrder("poison-1", "poison-2");
        assertThat(log).contains("ERROR " + VodAiJobConsumer.class.getName())
                .contains("poison-1").contains("poison-2").contains("maxDeliveries=3");
    }

    @Test
    void aDeadLetterChannelCompletesTheExchangeSoTheJobLeavesTheStoreAfterOneDelivery() {
        VOD.emulator().addJob(EmulatedJob.builder("dead-1").build());

        template.sendBody("aivod-aijob:dlc?operation=track", "dead-1");

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLettered.size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint("dlc").getJobStore().size() == 0);
        assertThat(deadLettered).containsExactly("dead-1");
    }

    @Test
    void maxDeliveriesBelowZeroIsRefusedAtEndpointCreation() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:bad?maxDeliveries=-1"))
                .hasStackTraceContaining("Invalid maxDeliveries -1");
    }

    private VodAiJobEndpoint endpoint(String label) {
        return context.getEndpoint("aivod-aijob:" + label, VodAiJobEndpoint.class);
    }
}
