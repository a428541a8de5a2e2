package io.github.camelaliyun.vod.aijob;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two consumers on one label in one context (the case a new user tried: delay=50 and delay=51) share the label's
 * store: each claims the due jobs it asks about, so no job is emitted by both. Before the store handed out leases,
 * both consumers read every pending job and delivered the same job at the same moment.
 */
class TwoConsumersOneLabelTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} store")
    @ValueSource(strings = { "memory", "file" })
    void noJobIsDeliveredTwice(String store) throws Exception {
        int count = 300;
        List<String> ids = IntStream.range(0, count).mapToObj(i -> store + "-dup-" + i).toList();
        Random random = new Random(14);
        for (String id : ids) {
            VOD.emulator().addJob(EmulatedJob.builder(id).finishAfter(Duration.ofMillis(random.nextInt(1500))).build());
        }
        String options = store.equals("file") ? "&jobStoreFile=" + dir.resolve("jobs-{label}.log") : "";
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byConsumer = new ConcurrentHashMap<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String delay : List.of("50", "51")) {
                        from("aivod-aijob:dup?delay=" + delay + "&initialDelay=0" + options).routeId("dup-" + delay)
                                .process(e -> {
                                    String id = e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class);
                                    deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                                    byConsumer.computeIfAbsent(delay, k -> new AtomicInteger()).incrementAndGet();
                                    Thread.sleep(2); // a route that takes a moment: the window the bug needed
                                });
                    }
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("aivod-aijob:dup?operation=track" + options, ids);

            await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.size() == count
                    && camel.getEndpoint("aivod-aijob:dup", VodAiJobEndpoint.class).getJobStore().size() == 0);
        }

        assertThat(deliveries).hasSize(count);
        assertThat(deliveries.entrySet()).filteredOn(e -> e.getValue().get() != 1).as("delivered more than once")
                .isEmpty();
        assertThat(byConsumer.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(count);
    }
}
