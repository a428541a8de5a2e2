package io.github.camelaliyun.vod.aijob;

import io.github.camelaliyun.vod.aijob.consume.CheckSchedule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The per-job check schedule: a job found unfinished is not asked about again before its next check (counted at the
 * emulator) and is still delivered when it finishes; {@code maxCheckInterval=0} asks on every poll, as before.
 */
class CheckScheduleTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @Test
    void aJobFoundUnfinishedIsNotAskedAboutBeforeItsNextCheckAndIsStillDelivered() throws Exception {
        try (CamelContext camel = watching("minCheckInterval=1s&maxCheckInterval=1s")) {
            // the job's run starts once the context has (its start-up may take longer than the run)
            VOD.emulator().addJob(EmulatedJob.builder("sched-1").finishAfter(Duration.ofMillis(1500)).succeeds().build());
            camel.createProducerTemplate().sendBody("aivod-aijob:sched?operation=track", "sched-1");

            // a job just tracked is first asked about minCheckInterval later
            Thread.sleep(600); // about 12 polls of 50 ms
            assertThat(asked("sched-1")).as("asked before its first check").isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> asked("sched-1") == 1);
            Thread.sleep(600);
            assertThat(asked("sched-1")).as("asked again before its next check").isEqualTo(1);

            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("sched-1"));
        }
        // at about 1 s and 2 s: not once per poll (about 40 polls)
        assertThat(asked("sched-1")).isBetween(2L, 3L);
        assertThat(delivered).containsExactly("sched-1");
    }

    @Test
    void aJobFoundRunningIsAskedAboutAgainWhenItsJobTimeoutEndsNotOnlyAtItsNextCheck() throws Exception {
        // checked at 0.5 s and found running: next check 5 s later by the factor, but it times out at 1.5 s
        assertThat(msToTimedOut("minCheckInterval=500ms&maxCheckInterval=1m&checkIntervalFactor=10&jobTimeout=1500ms"))
                .isLessThan(4000);
    }

    @Test
    void aJobJustTrackedIsFirstAskedAboutWhenItsJobTimeoutEndsIfThatComesFirst() throws Exception {
        assertThat(msToTimedOut("minCheckInterval=20s&maxCheckInterval=1m&jobTimeout=1s")).isLessThan(4000);
    }

    /** Tracks a job that runs for an hour; returns the milliseconds from tracking to its delivery as TIMED_OUT. */
    private long msToTimedOut(String options) throws Exception {
        List<String> statuses = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aivod-aijob:timeout?delay=50&initialDelay=0&" + options).process(
                            e -> statuses.add(e.getMessage().getHeader(VodAiJobConstants.STATUS, String.class)));
                }
            });
            camel.start();
            VOD.emulator().addJob(EmulatedJob.builder("slow-1").finishAfter(Duration.ofHours(1)).build());
            long tracked = System.currentTimeMillis();
            camel.createProducerTemplate().sendBody("aivod-aijob:timeout?operation=track", "slow-1");

            await().atMost(Duration.ofSeconds(30)).until(() -> !statuses.isEmpty());
            long ms = System.currentTimeMillis() - tracked;
            assertThat(statuses).containsExactly("TIMED_OUT");
            return ms;
        }
    }

    @Test
    void maxCheckIntervalZeroAsksAboutEveryJobOnEveryPoll() throws Exception {
        try (CamelContext camel = watching("maxCheckInterval=0")) {
            // the job's run starts once the context has (its start-up may take longer than the run)
            VOD.emulator().addJob(EmulatedJob.builder("every-1").finishAfter(Duration.ofMillis(1500)).succeeds().build());
            camel.createProducerTemplate().sendBody("aivod-aijob:sched?operation=track", "every-1");

            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("every-1"));
        }
        assertThat(asked("every-1")).as("asked on each poll of 50 ms for 1.5 s").isGreaterThan(10L);
    }

    @Test
    void maxCheckIntervalZeroAsksAboutAJobJustTrackedAtOnce() {
        assertThat(new CheckSchedule(Duration.ofSeconds(5), Duration.ZERO, 0.1).firstCheckAfter()).isZero();
        assertThat(new CheckSchedule(Duration.ofSeconds(5), Duration.ofMinutes(2), 0.1).firstCheckAfter())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theIntervalGrowsWithTheJobsAgeWithinMinAndMax() {
        CheckSchedule schedule = new CheckSchedule(Duration.ofSeconds(5), Duration.ofMinutes(2), 0.1);
        assertThat(schedule.nextCheckAfter(Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.nextCheckAfter(Duration.ofMinutes(3))).isEqualTo(Duration.ofSeconds(18));
        assertThat(schedule.nextCheckAfter(Duration.ofHours(5))).isEqualTo(Duration.ofMinutes(2));
        assertThat(CheckSchedule.EVERY_POLL.nextCheckAfter(Duration.ofHours(5))).isEqualTo(Duration.ZERO);
    }

    @Test
    void badSchedulesAreRefusedWithTheOptionsName() throws Exception {
        assertThatThrownBy(() -> new CheckSchedule(Duration.ofSeconds(10), Duration.ofSeconds(5), 0.1))
                .hasMessageContaining("maxCheckInterval").hasMessageContaining("minCheckInterval");
        assertThatThrownBy(() -> new CheckSchedule(Duration.ZERO, Duration.ofSeconds(5), -1))
                .hasMessageContaining("checkIntervalFactor");
        try (CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator());
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:bad?minCheckInterval=-1"))
                    .hasStackTraceContaining("minCheckInterval");
        }
    }

    private CamelContext watching(String options) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:sched?delay=50&initialDelay=0&" + options)
                        .process(e -> delivered.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class)));
            }
        });
        camel.start();
        return camel;
    }

    private static long asked(String jobId) {
        return VOD.emulator().stats().listAiJobBatches().stream().filter(batch -> batch.contains(jobId)).count();
    }
}
