package io.github.camelaliyun.vod.aijob.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.EmulatedService;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping Camel with SubmitAIJob calls under way: one not yet sent (waiting at the rate limiter) fails saying it was
 * not sent and nothing was created; one already at the service is given up to its requestTimeout to answer, so that
 * its job ids reach the route instead of jobs that exist and that nobody knows of.
 */
class StopWithSubmitsTest {

    private static CamelContext submitting(VodEmulator vod, String options) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, vod);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").routeId("submit").errorHandler(noErrorHandler())
                        .to("aivod-aijob:paid?operation=submitAiJob&jobTypes=AIMediaDNA" + options);
            }
        });
        camel.start();
        return camel;
    }

    private static List<CompletableFuture<Exchange>> submit(CamelContext camel, int videos) {
        List<CompletableFuture<Exchange>> exchanges = new ArrayList<>();
        for (int i = 1; i <= videos; i++) {
            String video = "video-" + i;
            exchanges.add(camel.createProducerTemplate().asyncSend("direct:submit", e -> e.getMessage().setBody(video)));
        }
        return exchanges;
    }

    private static Exchange done(CompletableFuture<Exchange> exchange)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        return exchange.get(10, TimeUnit.SECONDS);
    }

    @Test
    void submitsWaitingForTheirTurnFailSayingTheyWereNotSent() throws Exception {
        try (VodEmulator vod = VodEmulator.start()) {
            vod.faults().latency(Duration.ofSeconds(1));
            CamelContext camel = submitting(vod, "&maxRequestsPerSecond=1");
            List<CompletableFuture<Exchange>> exchanges = submit(camel, 6);
            // requests() counts a call when it arrives, calls() once the latency passed and it was answered
            await().atMost(Duration.ofSeconds(10)).until(() -> vod.stats().requests() >= 1);

            camel.stop();

            long sent = vod.stats().requests();
            int succeeded = 0;
            for (CompletableFuture<Exchange> future : exchanges) {
                Exchange exchange = done(future);
                if (exchange.getException() == null) {
                    succeeded++;
                    assertThat(exchange.getMessage().getBody(List.class)).singleElement()
                            .isInstanceOf(SubmittedAiJob.class);
                } else {
                    assertThat(exchange.getException())
                            .hasMessage("aivod-aijob:paid stopped before SubmitAIJob was sent: the service was not"
                                        + " called and no job was created");
                }
            }
            assertThat(sent).as("the limiter lets one through a second").isBetween(1L, 2L);
            assertThat(succeeded).as("each call that reached the service answered the route").isEqualTo((int) sent);
            assertThat(vod.stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB)).as("none sent after the stop")
                    .isEqualTo(sent);
        }
    }

    @Test
    void submitsAtTheServiceAreGivenTheirRequestTimeoutToAnswer() throws Exception {
        try (VodEmulator vod = VodEmulator.start()) {
            vod.faults().latency(Duration.ofSeconds(3));
            CamelContext camel = submitting(vod, "&requestTimeout=10s");
            List<CompletableFuture<Exchange>> exchanges = submit(camel, 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> vod.stats().requests() >= 2);

            camel.stop();

            for (CompletableFuture<Exchange> future : exchanges) {
                Exchange exchange = done(future);
                assertThat(exchange.getException()).isNull();
                assertThat(exchange.getMessage().getBody(List.class)).singleElement()
                        .isInstanceOf(SubmittedAiJob.class);
            }
            assertThat(vod.stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB)).isEqualTo(2);
        }
    }
}
