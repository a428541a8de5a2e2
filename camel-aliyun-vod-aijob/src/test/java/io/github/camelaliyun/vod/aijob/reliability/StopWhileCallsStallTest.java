package io.github.camelaliyun.vod.aijob.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.EmulatedService;
import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.store.FileAiJobStore;
import io.github.camelaliyun.vod.aijob.store.PendingJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Stopping Camel while the service does not answer: the consumer's poll and the producer's call in flight are
 * cancelled at once, the stop takes seconds rather than Camel's 45 s shutdown timeout, nothing is logged at ERROR, and
 * the job the poll was asking about is still pending in the file store.
 */
class StopWhileCallsStallTest {

    @TempDir
    Path dir;

    @Test
    void contextStopCancelsThePollAndTheProducerCallInFlight() throws Exception {
        Path file = dir.resolve("stall.jobs");
        // an emulator of its own: its threads sleep through the stall and must not hold up other tests
        try (VodEmulator stalled = VodEmulator.start(); LogCapture log = LogCapture.atConfiguredLevels()) {
            stalled.addJob(EmulatedJob.builder("job-1").build());
            stalled.faults().latency(Duration.ofMinutes(2));
            CamelContext camel = new DefaultCamelContext();
            VodAiJobComponent component = EmulatedService.pointAt(camel, stalled);
            component.getConfiguration().setRequestTimeout(120_000);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aivod-aijob:stall?delay=100&initialDelay=0&jobStoreFile=" + file).routeId("watch")
                            .log("delivered ${header.CamelAliyunVodAiJobJobId}");
                    from("direct:lookup").routeId("lookup").to("aivod-aijob:stall?operation=listAiJobs");
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("aivod-aijob:stall?operation=track", "job-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.stats().requests() >= 1);
            CompletableFuture<Object> lookup = camel.createProducerTemplate().asyncRequestBody("direct:lookup", "job-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.stats().requests() >= 2);

            long start = System.nanoTime();
            camel.stop();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(stopMillis).as("stop took %d ms", stopMillis).isLessThan(10_000);
            assertThatThrownBy(() -> lookup.get(5, TimeUnit.SECONDS))
                    .hasStackTraceContaining("stopped")
                    .hasStackTraceContaining("ListAIJob");
            // the one ERROR allowed: the lookup route's error handler reporting the exchange that failed with "stopped"
            assertThat(log.text().lines().filter(line -> line.startsWith("ERROR "))
                    .filter(line -> !(line.contains("DefaultErrorHandler") && line.contains("stopped while ListAIJob"))))
                    .isEmpty();
            try (FileAiJobStore store = FileAiJobStore.open(file)) {
                assertThat(store.pending(0, 10)).extracting(PendingJob::jobId).isEqualTo(List.of("job-1"));
            }
        }
    }

    @Test
    void routeStopCancelsThePollInFlight() throws Exception {
        try (VodEmulator stalled = VodEmulator.start(); LogCapture log = LogCapture.atConfiguredLevels();
             CamelContext camel = new DefaultCamelContext()) {
            stalled.addJob(EmulatedJob.builder("job-1").build());
            stalled.faults().latency(Duration.ofMinutes(2));
            EmulatedService.pointAt(camel, stalled).getConfiguration().setRequestTimeout(120_000);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aivod-aijob:stall?delay=100&initialDelay=0&jobIds=job-1").routeId("watch")
                            .log("delivered ${header.CamelAliyunVodAiJobJobId}");
                }
            });
            camel.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.stats().requests() >= 1);

            long start = System.nanoTime();
            camel.getRouteController().stopRoute("watch");
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(stopMillis).as("stop took %d ms", stopMillis).isLessThan(10_000);
            assertThat(log.text()).doesNotContain("ERROR ");
            assertThat(camel.getEndpoint("aivod-aijob:stall", io.github.camelaliyun.vod.aijob.VodAiJobEndpoint.class)
                    .getJobStore().size()).isEqualTo(1);
        }
    }

    @Test
    void aSubmitInFlightAtStopIsGivenItsRequestTimeoutThenFailsSayingTheJobsMayExist() throws Exception {
        try (VodEmulator stalled = VodEmulator.start(); CamelContext camel = new DefaultCamelContext()) {
            stalled.faults().latency(Duration.ofMinutes(2));
            EmulatedService.pointAt(camel, stalled).getConfiguration().setRequestTimeout(120_000);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // sent, it is given its requestTimeout to answer (here 3 s) before it is cancelled
                    from("direct:submit").routeId("submit").errorHandler(noErrorHandler())
                            .to("aivod-aijob:paid?operation=submitAiJob&jobTypes=AIMediaDNA&requestTimeout=3000");
                }
            });
            camel.start();
            CompletableFuture<Object> submit = camel.createProducerTemplate().asyncRequestBody("direct:submit", "video-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.stats().requests() >= 1);

            long start = System.nanoTime();
            camel.stop();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(stopMillis).as("stop took %d ms", stopMillis).isLessThan(10_000);
            assertThatThrownBy(() -> submit.get(5, TimeUnit.SECONDS))
                    .hasStackTraceContaining("no reply from")
                    .hasStackTraceContaining("within requestTimeout (3000 ms)")
                    .hasStackTraceContaining("the service may have acted on this SubmitAIJob");
            assertThat(stalled.stats().calls("SubmitAIJob")).as("never sent again").isLessThanOrEqualTo(1);
        }
    }
}
