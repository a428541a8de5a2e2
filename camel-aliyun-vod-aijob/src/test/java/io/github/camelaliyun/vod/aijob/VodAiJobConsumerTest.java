package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The polling consumer against the emulator over real HTTP. */
class VodAiJobConsumerTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    /** Every exchange the watching routes received, in order: job id, status, delivery count. */
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    /** What the manually polled route received: job ids. */
    private final List<String> manual = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        VodAiJobComponent component = EmulatedService.pointAt(camel, VOD.emulator());
        component.getConfiguration().setRetryBackoffInitialDelay(5);
        component.getConfiguration().setRetryBackoffMaxDelay(20);
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
                from("direct:track").to("aivod-aijob:watch?operation=track");
                from("direct:untrack").to("aivod-aijob:watch?operation=untrack");
                from("aivod-aijob:watch?delay=100&initialDelay=0&exceptionHandler=#quietHandler").routeId("watch")
                        .process(e -> {
                            AtomicInteger left = failuresLeft.get(e.getMessage().getHeader(VodAiJobConstants.JOB_ID));
                            received.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID) + ":"
                                         + e.getMessage().getHeader(VodAiJobConstants.STATUS) + ":"
                                         + e.getMessage().getHeader(VodAiJobConstants.DELIVERY_COUNT));
                            if (left != null && left.getAndDecrement() > 0) {
                                throw new IllegalStateException("downstream refused " + e.getMessage().getBody());
                            }
                        });
                // every poll asks about every pending job (no schedule): these tests count the calls of each poll
                from("aivod-aijob:manual?startScheduler=false&maxConcurrentRequests=4&maxCheckInterval=0")
                        .routeId("manual")
                        .process(e -> manual.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class)));
            }
        };
    }

    @ParameterizedTest(name = "{0} pending jobs")
    @ValueSource(ints = { 1, 10, 11, 500 })
    void eachJobIsEmittedOnceWhenItFinishesWithCeilPendingOverTenCallsPerPoll(int count) throws Exception {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> "job-" + i).toList();
        // a third finish at once, a third once the first poll is over, a third never during the test
        for (int i = 0; i < count; i++) {
            EmulatedJob.Builder job = EmulatedJob.builder(ids.get(i)).mediaId("m" + i);
            if (i % 3 != 0) {
                job.neverFinishes();
            }
            VOD.emulator().addJob(job.build());
        }
        VodAiJobConsumer consumer = (VodAiJobConsumer) context.getRoute("manual").getConsumer();
        template.sendBody("aivod-aijob:manual?operation=track", ids);
        int finishedFirst = (count + 2) / 3;
        int finishedLater = (count + 1) / 3;

        assertPoll(consumer, count, finishedFirst);
        for (int i = 1; i < count; i += 3) {
            // the same job, finished from now on: however long the first poll took on a busy machine
            VOD.emulator().addJob(EmulatedJob.builder(ids.get(i)).mediaId("m" + i).build());
        }
        assertPoll(consumer, count - finishedFirst, finishedLater);
        assertPoll(consumer, count - finishedFirst - finishedLater, 0);

        assertThat(manual).doesNotHaveDuplicates().hasSize(finishedFirst + finishedLater);
        assertThat(consumer.getPendingJobCount()).isEqualTo(count / 3);
    }

    private void assertPoll(VodAiJobConsumer consumer, int pending, int emitted) throws Exception {
        long callsBefore = VOD.emulator().stats().calls("ListAIJob");
        int before = manual.size();

        int polled = consumer.poll();

        assertThat(polled).as("emitted").isEqualTo(emitted);
        assertThat(VOD.emulator().stats().calls("ListAIJob") - callsBefore).as("calls for %d pending", pending)
                .isEqualTo((pending + 9) / 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> manual.size() == before + emitted);
    }

    @Test
    void finishedJobsFlowOnWithTheirHeadersAndLeaveTheStore() {
        VOD.emulator().addJob(EmulatedJob.builder("ok").mediaId("m1").type(EmulatedJob.TYPE_MEDIA_DNA).build());
        VOD.emulator().addJob(EmulatedJob.builder("bad").failsWith("E42", "no video").build());
        VOD.emulator().addJob(EmulatedJob.builder("later").finishAfter(Duration.ofMillis(600)).build());

        List<String> added = template.requestBody("direct:track", "ok bad later ok", List.class);

        assertThat(added).containsExactly("ok", "bad", "later");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertThat(received).containsExactlyInAnyOrder("ok:SUCCESS:1", "bad:FAIL:1", "later:SUCCESS:1");
        await().atMost(Duration.ofSeconds(5)).until(() -> watchConsumer().getPendingJobCount() == 0);
    }

    @Test
    void aRouteFailureBringsTheJobBackWithADeliveryCountUntilItSucceeds() {
        VOD.emulator().addJob(EmulatedJob.builder("flaky").build());
        failuresLeft.put("flaky", new AtomicInteger(2));

        template.sendBody("direct:track", "flaky");

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertThat(received).containsExactly("flaky:SUCCESS:1", "flaky:SUCCESS:2", "flaky:SUCCESS:3");
        await().atMost(Duration.ofSeconds(5)).until(() -> watchConsumer().getPendingJobCount() == 0);
    }

    @Test
    void faultsAtTheServiceLoseNoJob() {
        VOD.emulator().faults().seed(7).rate(Fault.THROTTLE, 0.3).rate(Fault.SERVER_ERROR, 0.1)
                .rate(Fault.MALFORMED_JSON, 0.05).rate(Fault.DROP_CONNECTION, 0.02);
        List<String> ids = IntStream.range(0, 120).mapToObj(i -> "f" + i).toList();
        ids.forEach(id -> VOD.emulator().addJob(EmulatedJob.builder(id)
                .finishAfter(Duration.ofMillis(id.hashCode() % 700 & 0x3ff)).build()));

        template.sendBody("direct:track", ids);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= ids.size());
        assertThat(received).extracting(r -> r.substring(0, r.indexOf(':'))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(VOD.emulator().stats().errors("Throttling.User")).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> watchConsumer().getPendingJobCount() == 0);
    }

    @Test
    void nonExistentIdsAreEmittedOnceAsNotFound() {
        template.sendBody("direct:track", "ghost");

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received).containsExactly("ghost:NOT_FOUND:1");
        await().atMost(Duration.ofSeconds(5)).until(() -> watchConsumer().getPendingJobCount() == 0);
    }

    @Test
    void untrackStopsWatching() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("u1").finishAfter(Duration.ofMillis(500)).build());
        template.sendBody("direct:track", "u1");

        List<String> removed = template.requestBody("direct:untrack", "u1 u2", List.class);

        assertThat(removed).containsExactly("u1");
        Thread.sleep(800);
        assertThat(received).isEmpty();
    }

    private VodAiJobConsumer watchConsumer() {
        return (VodAiJobConsumer) context.getRoute("watch").getConsumer();
    }
}
