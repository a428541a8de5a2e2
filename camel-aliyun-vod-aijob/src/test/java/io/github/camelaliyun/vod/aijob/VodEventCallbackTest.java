package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.EventCallbacks;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end: the emulator posts signed events to a real Camel HTTP consumer ({@code platform-http} on Vert.x) whose
 * route hands them to {@code operation=vodEvent}; the consumer of the label checks its jobs only every minute, so a
 * delivery within seconds comes from the event. Lost events fall back to the schedule; duplicates deliver once; a
 * wrongly signed event changes nothing.
 */
class VodEventCallbackTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final String KEY = "AuthKey4Tests";

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<Long> deliveredAt = new CopyOnWriteArrayList<>();
    private CallbackTestApp app;
    private CamelContext camel;
    private String callbackUrl;

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
    }

    @Test
    void aJobIsDeliveredAboutASecondAfterItFinishesThoughItsNextCheckIsAMinuteAway() throws Exception {
        start("minCheckInterval=60s&maxCheckInterval=60s");
        VOD.emulator().callbacks(EventCallbacks.to(callbackUrl, KEY));
        long finishesAt = track("cb-1", Duration.ofMillis(1000));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("cb-1"));

        long lag = deliveredAt.get(0) - finishesAt;
        assertThat(lag).as("ms from finish to delivery (next check 60 s away)").isLessThan(3000);
        // the emulator counts the answer once it has read it, which may be after the consumer delivered the job
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(VOD.emulator().eventsAnswered(200))
                .isEqualTo(1));
        assertThat(asked("cb-1")).as("only after the event (its first check is a minute away)").isEqualTo(1);
    }

    @Test
    void anEventWakesTheConsumerSoTheJobIsDeliveredLongBeforeTheNextPoll() throws Exception {
        start("delay=30000&minCheckInterval=60s&maxCheckInterval=60s");
        VOD.emulator().callbacks(EventCallbacks.to(callbackUrl, KEY));
        long finishesAt = track("woken-1", Duration.ofMillis(1000));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("woken-1"));

        long lag = deliveredAt.get(0) - finishesAt;
        assertThat(lag).as("ms from finish to delivery (next poll 30 s away)").isLessThan(3000);
        assertThat(asked("woken-1")).as("once, after the event").isEqualTo(1);
    }

    @Test
    void withEveryEventDroppedTheScheduleStillDelivers() throws Exception {
        start("minCheckInterval=1s&maxCheckInterval=1s");
        VOD.emulator().callbacks(EventCallbacks.to(callbackUrl, KEY).withDropShare(1.0));
        track("lost-1", Duration.ofMillis(1500));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("lost-1"));

        assertThat(VOD.emulator().eventsDropped()).isEqualTo(1);
        assertThat(VOD.emulator().eventsPosted()).isZero();
    }

    @Test
    void duplicateEventsDeliverTheJobOnce() throws Exception {
        start("minCheckInterval=60s&maxCheckInterval=60s");
        VOD.emulator().callbacks(EventCallbacks.to(callbackUrl, KEY).withCopies(3));
        track("dup-1", Duration.ofMillis(500));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> delivered.contains("dup-1") && VOD.emulator().eventsAnswered(200) == 3);
        Thread.sleep(500); // ten more polls: a second delivery would show now

        assertThat(delivered).containsExactly("dup-1");
        // what operators see: every copy verified, none refused (a copy after the delivery finds nothing to wake)
        LabelStatistics figures = camel.getEndpoint("aivod-aijob:cb", VodAiJobEndpoint.class).statistics();
        assertThat(figures.callbackEventsAccepted()).isPositive();
        assertThat(figures.callbackEventsAccepted() + figures.callbackEventsIgnored()).isEqualTo(3);
        assertThat(figures.callbackEventsRefused()).isZero();
    }

    @Test
    void aLateCopyOfTheEventOfADeliveredJobDoesNotTrackItAgain() throws Exception {
        app = CallbackTestApp.start(VOD.emulator(), KEY, "maxCheckInterval=1s", "callbackTrackUnknownJobs=true",
                delivered, deliveredAt);
        camel = app.camel();
        // the events come a second after the job ended: by then polling delivered it and the store forgot it
        VOD.emulator().callbacks(EventCallbacks.to(app.callbackUrl(), KEY).withDelay(Duration.ofSeconds(1))
                .withCopies(2));
        track("late-1", Duration.ofMillis(300));

        await().atMost(Duration.ofSeconds(10)).until(() -> VOD.emulator().eventsAnswered(200) == 2);
        Thread.sleep(500); // ten more polls: a second delivery would show now

        assertThat(delivered).containsExactly("late-1");
        assertThat(camel.getEndpoint("aivod-aijob:cb", VodAiJobEndpoint.class).getJobStore().size()).isZero();
    }

    @Test
    void anEventThatCameBeforeItsJobWasTrackedMakesTheJobDueWhenItIs() throws Exception {
        start("minCheckInterval=60s&maxCheckInterval=60s");
        VOD.emulator().callbacks(EventCallbacks.to(callbackUrl, KEY));
        // submitted elsewhere, tracked later (through a queue, say): its event comes first
        VOD.emulator().addJob(EmulatedJob.builder("early-1").finishAfter(Duration.ofMillis(200)).succeeds().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> VOD.emulator().eventsAnswered(200) == 1);

        camel.createProducerTemplate().sendBody("aivod-aijob:cb?operation=track", "early-1");

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.contains("early-1"));
        assertThat(asked("early-1")).as("asked once, though its first check is a minute away").isEqualTo(1);
    }

    @Test
    void aWronglySignedEventChangesNothing() throws Exception {
        start("minCheckInterval=60s&maxCheckInterval=60s");
        VOD.emulator().callbacks(EventCallbacks.to(callbackUrl, KEY).withWrongKey());
        track("forged-1", Duration.ofMillis(300));

        // VOD's three tries, a second apart, all refused
        await().atMost(Duration.ofSeconds(10)).until(() -> VOD.emulator().eventsAnswered(401) == 3);
        Thread.sleep(300);

        assertThat(delivered).isEmpty();
        assertThat(asked("forged-1")).as("not before its first check, a minute away").isZero();
        assertThat(camel.getEndpoint("aivod-aijob:cb", VodAiJobEndpoint.class).getJobStore().size()).isEqualTo(1);
        LabelStatistics figures = camel.getEndpoint("aivod-aijob:cb", VodAiJobEndpoint.class).statistics();
        assertThat(figures.callbackEventsRefused()).isEqualTo(3);
        assertThat(figures.callbackEventsAccepted()).isZero();
    }

    @Test
    void theCallAfterAnEventAlsoAsksAboutTheJobsDueNextAtNoExtraCost() throws Exception {
        start("minCheckInterval=60s&maxCheckInterval=60s");
        VOD.emulator().callbacks(EventCallbacks.to(callbackUrl, KEY));
        track("long-1", Duration.ofMinutes(5));
        track("long-2", Duration.ofMinutes(5));
        track("short-1", Duration.ofMillis(500));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("short-1"));
        Thread.sleep(500); // ten more polls: the long jobs' next checks are a minute away

        // one call for the event, with the jobs that were not due yet in its spare places
        assertThat(VOD.emulator().stats().listAiJobBatches()).hasSize(1);
        assertThat(VOD.emulator().stats().listAiJobBatches().get(0)).containsExactlyInAnyOrder("short-1", "long-1",
                "long-2");
        assertThat(delivered).containsExactly("short-1");
    }

    private void start(String schedule) throws Exception {
        app = CallbackTestApp.start(VOD.emulator(), KEY, schedule, delivered, deliveredAt);
        camel = app.camel();
        callbackUrl = app.callbackUrl();
    }

    private long track(String jobId, Duration runs) {
        return app.track(VOD.emulator(), jobId, runs);
    }

    private static long asked(String jobId) {
        return VOD.emulator().stats().listAiJobBatches().stream().filter(batch -> batch.contains(jobId)).count();
    }
}
