package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.emulator.EmulatedJob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer's own options: jobIds, nonExistentJobs, jobTimeout, maxMessagesPerPoll. */
class ConsumerOptionsTest extends EmulatedCamelTestSupport {

    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:fromOption?jobIds=o1,o2 o3&delay=100&initialDelay=1500&nonExistentJobs=drop")
                        .process(e -> received.add("option:" + e.getMessage().getHeader(VodAiJobConstants.JOB_ID)));
                from("aivod-aijob:keep?nonExistentJobs=keep&jobTimeout=700&delay=100&initialDelay=0")
                        .process(e -> received.add("keep:" + e.getMessage().getHeader(VodAiJobConstants.JOB_ID) + ":"
                                                   + e.getMessage().getHeader(VodAiJobConstants.STATUS)));
                from("aivod-aijob:limited?maxMessagesPerPoll=3&startScheduler=false").routeId("limited")
                        .process(e -> received.add("limited:" + e.getMessage().getHeader(VodAiJobConstants.JOB_ID)));
            }
        };
    }

    @Test
    void jobIdsOptionIsWatchedAndUnknownIdsDroppedOnRequest() {
        // the route's first poll comes 1.5 s after the start: by then the emulator knows o1 and o3, never o2
        VOD.emulator().addJob(EmulatedJob.builder("o1").build()).addJob(EmulatedJob.builder("o3").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        assertThat(received).containsExactlyInAnyOrder("option:o1", "option:o3");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> context.getEndpoint("aivod-aijob:fromOption", VodAiJobEndpoint.class).getJobStore().size() == 0);
    }

    @Test
    void keptUnknownIdsAreFoundLaterOrTimeOut() {
        template.sendBody("aivod-aijob:keep?operation=track", "early never");
        // the service learns of "early" only after a few polls
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
        VOD.emulator().addJob(EmulatedJob.builder("early").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        assertThat(received).containsExactlyInAnyOrder("keep:early:SUCCESS", "keep:never:TIMED_OUT");
    }

    @Test
    void maxMessagesPerPollLeavesTheRestForTheNextPoll() throws Exception {
        List<String> ids = IntStream.range(0, 7).mapToObj(i -> "l" + i).toList();
        ids.forEach(id -> VOD.emulator().addJob(EmulatedJob.builder(id).build()));
        template.sendBody("aivod-aijob:limited?operation=track", ids);
        VodAiJobConsumer consumer = (VodAiJobConsumer) context.getRoute("limited").getConsumer();

        assertThat(consumer.poll()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.getPendingJobCount() == 4);
        assertThat(consumer.poll()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.getPendingJobCount() == 1);
        assertThat(consumer.poll()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 7);
        assertThat(received).containsExactlyElementsOf(ids.stream().map(id -> "limited:" + id).toList());
    }
}
