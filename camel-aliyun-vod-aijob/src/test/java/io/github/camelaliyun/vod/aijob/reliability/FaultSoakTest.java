package io.github.camelaliyun.vod.aijob.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.LoggingExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.EmulatedService;
import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.VodAiJobConsumer;
import io.github.camelaliyun.vod.aijob.VodAiJobEndpoint;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of tracked jobs finishing at random times while the emulator throttles 30% of calls, answers 500 to 10%,
 * stalls 5% past the request timeout, returns malformed JSON to 1% and drops 1% of connections, and the route itself
 * fails 5% of exchanges. Every job must reach the sink, only once it finished, and the store must end empty.
 * {@code -Dsoak.jobs} and {@code -Dsoak.spreadSeconds} size it (the {@code soak} profile runs a longer one).
 */
class FaultSoakTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Test
    void everyJobArrivesDespiteFaultsEverywhere() throws Exception {
        int jobs = Integer.getInteger("soak.jobs", 5000);
        int spreadMillis = Integer.getInteger("soak.spreadSeconds", 20) * 1000;
        Random random = new Random(2026_11_25);
        Map<String, Long> finishesAt = new ConcurrentHashMap<>();
        List<String> ids = new ArrayList<>(jobs);
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < jobs; i++) {
            String id = "soak-" + i;
            int finishAfter = random.nextInt(spreadMillis);
            EmulatedJob.Builder job = EmulatedJob.builder(id).finishAfter(Duration.ofMillis(finishAfter));
            if (i % 10 == 0) {
                job.failsWith("InvalidVideo", "bad video " + i);
            }
            VOD.emulator().addJob(job.build());
            finishesAt.put(id, t0 + finishAfter);
            ids.add(id);
        }
        VOD.emulator().faults().seed(7).slowDelay(Duration.ofMillis(1500))
                .rate(Fault.THROTTLE, 0.30).rate(Fault.SERVER_ERROR, 0.10).rate(Fault.SLOW, 0.05)
                .rate(Fault.MALFORMED_JSON, 0.01).rate(Fault.DROP_CONNECTION, 0.01);

        Set<String> delivered = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger routeFailures = new AtomicInteger();
        List<String> early = new ArrayList<>();
        Random routeDice = new Random(5);
        try (CamelContext camel = new DefaultCamelContext()) {
            VodAiJobComponent component = EmulatedService.pointAt(camel, VOD.emulator());
            component.getConfiguration().setRequestTimeout(1000);
            component.getConfiguration().setRetryBackoffInitialDelay(10);
            component.getConfiguration().setRetryBackoffMaxDelay(200);
            // the route fails 5% of exchanges on purpose: the consumer's ExceptionHandler reports them at DEBUG only
            camel.getRegistry().bind("quietHandler",
                    new LoggingExceptionHandler(camel, VodAiJobConsumer.class, LoggingLevel.DEBUG));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aivod-aijob:soak?delay=200&initialDelay=0&maxConcurrentRequests=8&exceptionHandler=#quietHandler")
                            .routeId("soak")
                            .process(e -> {
                                AiJob job = e.getMessage().getBody(AiJob.class);
                                deliveries.incrementAndGet();
                                if (!job.isFinished() || System.currentTimeMillis() < finishesAt.get(job.getJobId())) {
                                    synchronized (early) {
                                        early.add(job.toString());
                                    }
                                }
                                synchronized (routeDice) {
                                    if (routeDice.nextInt(100) < 5) {
                                        routeFailures.incrementAndGet();
                                        throw new IllegalStateException("the sink refused " + job.getJobId());
                                    }
                                }
                                delivered.add(job.getJobId());
                            });
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("aivod-aijob:soak?operation=track", ids);
            long started = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(spreadMillis / 1000 + 120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> delivered.size() == jobs);
            VodAiJobEndpoint endpoint = camel.getEndpoint("aivod-aijob:soak", VodAiJobEndpoint.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getJobStore().size() == 0);
            System.out.printf("FaultSoakTest: %d jobs in %d s; %d deliveries, %d redeliveries (%d refused by the"
                              + " route); emulator: %s%n", jobs, (System.currentTimeMillis() - started) / 1000,
                    deliveries.get(), deliveries.get() - jobs, routeFailures.get(), VOD.emulator().stats());
        }
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(early).as("emitted before the job had finished").isEmpty();
        assertThat(VOD.emulator().stats().errors("Throttling.User")).isPositive();
        assertThat(VOD.emulator().stats().errors("InternalError")).isPositive();
    }
}
