package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer behaves as Camel's own batch consumers do: its ExceptionHandler and the base class's poll limit. */
class ConsumerIdiomsTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
    private final List<String> limited = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.getRegistry().bind("recordingHandler", new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                handleException(null, null, exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                handleException(message, null, exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                handled.add((exchange == null ? null : exchange.getMessage().getHeader(VodAiJobConstants.JOB_ID))
                            + ":" + exception.getMessage());
            }
        });
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:failing?delay=100&initialDelay=0&maxDeliveries=1&exceptionHandler=#recordingHandler")
                        .errorHandler(noErrorHandler())
                        .process(e -> {
                            throw new IllegalStateException("refused on purpose");
                        });
                from("aivod-aijob:limited?startScheduler=false").routeId("limited")
                        .process(e -> limited.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class)));
            }
        };
    }

    @Test
    void aRouteFailureReachesTheConsumersExceptionHandler() {
        VOD.emulator().addJob(EmulatedJob.builder("bad-1").build());

        template.sendBody("aivod-aijob:failing?operation=track", "bad-1");

        await().atMost(Duration.ofSeconds(10)).until(() -> !handled.isEmpty());
        assertThat(handled).containsExactly("bad-1:refused on purpose");
    }

    @Test
    void thePollLimitIsTheBaseClassOne() throws Exception {
        for (int i = 0; i < 5; i++) {
            VOD.emulator().addJob(EmulatedJob.builder("l" + i).build());
        }
        template.sendBody("aivod-aijob:limited?operation=track", "l0 l1 l2 l3 l4");
        VodAiJobConsumer consumer = (VodAiJobConsumer) context.getRoute("limited").getConsumer();
        consumer.setMaxMessagesPerPoll(2);

        assertThat(consumer.poll()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> limited.size() == 2);
    }

    @Test
    void theDefaultPollDelayIsFiveSecondsAndTheOptionStillOverridesIt() throws Exception {
        assertThat(delayOf("aivod-aijob:defaults")).isEqualTo(5000);
        assertThat(delayOf("aivod-aijob:fast?delay=100")).isEqualTo(100);
        assertThat(delayOf("aivod-aijob:slow?delay=1m")).isEqualTo(60_000);
    }

    private long delayOf(String uri) throws Exception {
        VodAiJobConsumer consumer = (VodAiJobConsumer) context.getEndpoint(uri).createConsumer(e -> {
        });
        return consumer.getDelay();
    }
}
