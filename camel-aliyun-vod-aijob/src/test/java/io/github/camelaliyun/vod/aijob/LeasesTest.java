package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.reliability.LogCapture;
import io.github.camelaliyun.vod.aijob.store.ClaimedJob;
import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer's side of the leases: a long exchange keeps its job (the lease is renewed), and a consumer that stalled
 * past its lease (renewals did not get through) sees its completion refused with a WARN while the route succeeds, the
 * job having gone to the other consumer.
 */
class LeasesTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    /** A store whose renewals never get through: what a node that stalls (a long GC pause, a frozen VM) looks like. */
    static final class NoRenewalStore extends MemoryAiJobStore {
        @Override
        public synchronized List<ClaimedJob> renew(Collection<ClaimedJob> jobs, Duration leaseDuration) {
            return List.of();
        }
    }

    private final List<String> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger routeFailures = new AtomicInteger();

    @Test
    void aLongExchangeKeepsItsJobWhileTheOtherConsumerPolls() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("long-1").build());
        String log;
        try (LogCapture capture = LogCapture.atConfiguredLevels(); CamelContext camel = twoSlowConsumers(null)) {
            camel.createProducerTemplate().sendBody("aivod-aijob:lease?operation=track", "long-1");

            await().atMost(Duration.ofSeconds(10)).until(() -> store(camel).size() == 0);
            log = capture.text();
        }

        assertThat(deliveries).containsExactly("long-1:1");
        assertThat(log).doesNotContain("WARN " + VodAiJobConsumer.class.getName()); // no lease lost, none refused
        assertThat(routeFailures).hasValue(0);
    }

    @Test
    void aConsumerThatStalledPastItsLeaseIsRefusedAndTheJobGoesToTheOther() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("stall-1").build());
        String log;
        try (LogCapture capture = LogCapture.atConfiguredLevels();
             CamelContext camel = twoSlowConsumers(new NoRenewalStore())) {
            camel.createProducerTemplate().sendBody("aivod-aijob:lease?operation=track", "stall-1");

            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 2 && store(camel).size() == 0);
            // the stalled exchange ends after the other one: its completion is the refused one
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.text().contains("leases were lost meanwhile"));
            log = capture.text();
        }

        assertThat(deliveries).containsExactly("stall-1:1", "stall-1:1");
        assertThat(log).contains("WARN " + VodAiJobConsumer.class.getName()).contains("stall-1")
                .contains("leaseDuration=300");
        assertThat(routeFailures).as("a refused completion does not fail the route").hasValue(0);
    }

    /**
     * Two consumers on one label with a 300 ms lease; the first delivery of a job takes 1.2 s, the next ones are quick.
     */
    private CamelContext twoSlowConsumers(MemoryAiJobStore bean) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.getRegistry().bind("countingHandler", (ExceptionHandler) new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                routeFailures.incrementAndGet();
            }

            @Override
            public void handleException(String message, Throwable exception) {
                routeFailures.incrementAndGet();
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                routeFailures.incrementAndGet();
            }
        });
        String store = "";
        if (bean != null) {
            camel.getRegistry().bind("store", bean);
            store = "&jobStore=#store";
        }
        String common = "&initialDelay=0&leaseDuration=300&exceptionHandler=#countingHandler" + store;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:lease?delay=50" + common).routeId("a").process(e -> deliver(e));
                from("aivod-aijob:lease?delay=51" + common).routeId("b").process(e -> deliver(e));
            }
        });
        camel.start();
        return camel;
    }

    private void deliver(Exchange exchange) throws InterruptedException {
        boolean first;
        synchronized (deliveries) {
            first = deliveries.isEmpty();
            deliveries.add(exchange.getMessage().getHeader(VodAiJobConstants.JOB_ID) + ":"
                           + exchange.getMessage().getHeader(VodAiJobConstants.DELIVERY_COUNT));
        }
        if (first) {
            Thread.sleep(1200);
        }
    }

    private static MemoryAiJobStoreView store(CamelContext camel) {
        return () -> camel.getEndpoint("aivod-aijob:lease", VodAiJobEndpoint.class).getJobStore().size();
    }

    private interface MemoryAiJobStoreView {
        int size();
    }
}
