package io.github.camelaliyun.vod.aijob;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;
import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.RetryPolicy;
import io.github.camelaliyun.vod.aijob.client.mns.MnsMessage;
import io.github.camelaliyun.vod.aijob.client.mns.MnsQueueClient;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.AiJobStatus;
import io.github.camelaliyun.vod.aijob.observability.VodAiJobHealthDetails;
import io.github.camelaliyun.vod.aijob.reliability.LogCapture;
import io.github.camelaliyun.vod.aijob.stats.QueueFigures;
import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.MnsEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end over real HTTP: the VOD emulator writes each finished job's event into a queue of the MNS emulator
 * (signatures checked on both), and the label's consumer ({@code eventQueue}, {@code eventQueueEndpoint}) reads it,
 * makes the job due, wakes up, asks ListAIJob and delivers it, then deletes the message. The consumer checks its jobs
 * only every minute, so a delivery within seconds comes from the queue.
 */
class EventQueueTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final String QUEUE = "vod-events";
    private static MnsEmulator mns;

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<Long> deliveredAt = new CopyOnWriteArrayList<>();
    private CamelContext camel;

    @BeforeAll
    static void startMns() {
        mns = MnsEmulator.start();
    }

    @AfterAll
    static void stopMns() {
        mns.close();
    }

    @BeforeEach
    void resetMns() {
        mns.reset();
        VOD.emulator().mns(mns);
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
    }

    @Test
    void aJobIsDeliveredWithinAboutASecondOfItsEventWithTheDefaultDelay() throws Exception {
        mns.createQueue(QUEUE, Duration.ofSeconds(30));
        VOD.emulator().eventsToQueue(mns, QUEUE);
        start("minCheckInterval=60s&maxCheckInterval=60s"); // the default delay: a poll every 5 s
        long finishesAt = track("q-1", Duration.ofMillis(1500));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("q-1"));

        assertThat(deliveredAt.get(0) - finishesAt).as("ms from finish to delivery (next poll up to 5 s away,"
                                                       + " next check 60 s away)").isLessThan(1500);
        assertThat(asked("q-1")).as("ListAIJob, once, after the event").isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> mns.messages(QUEUE) == 0);
        QueueFigures figures = figures();
        assertThat(figures.acceptedEvents()).isEqualTo(1);
        assertThat(figures.deletedMessages()).isEqualTo(1);
        assertThat(figures.deleteCalls()).isEqualTo(1);
        assertThat(figures.receives()).isPositive();
        assertThat(mns.count("deleted")).isEqualTo(1);
    }

    @Test
    void setMessageCallbackWithCallbackTypeMnsPointsVodAtTheQueueTheConsumerReads() throws Exception {
        mns.createQueue(QUEUE, Duration.ofSeconds(30));
        start("minCheckInterval=60s&maxCheckInterval=60s");

        camel.createProducerTemplate().sendBody("aivod-aijob:q?operation=setMessageCallback&callbackType=MNS"
                                                + "&eventQueue=" + QUEUE + "&eventQueueEndpoint=" + mns.url() + "/",
                null);

        assertThat(VOD.emulator().eventQueue()).isEqualTo(QUEUE);
        assertThat(VOD.emulator().callbackEventTypes()).containsExactly("AIComplete");
        track("set-1", Duration.ofMillis(800));
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("set-1"));
        assertThat(VOD.emulator().eventsQueued()).isEqualTo(1);
    }

    @Test
    void aMessageReceivedByANodeThatDiedBeforeDeletingItComesBackAndItsJobIsDeliveredOnce() throws Exception {
        mns.createQueue(QUEUE, Duration.ofSeconds(2));
        VOD.emulator().eventsToQueue(mns, QUEUE);
        VOD.emulator().addJob(EmulatedJob.builder("crash-1").finishAfter(Duration.ofMillis(100)).succeeds().build());
        // another node receives the event and dies before it records or deletes it
        try (MnsQueueClient other = client(VodEmulator.DEMO_ACCESS_KEY_ID, VodEmulator.DEMO_ACCESS_KEY_SECRET, null)) {
            List<MnsMessage> got = other.receive(16, 5);
            assertThat(got).hasSize(1);
        }
        long receivedAt = System.currentTimeMillis();
        start("minCheckInterval=60s&maxCheckInterval=60s");
        camel.createProducerTemplate().sendBody("aivod-aijob:q?operation=track", "crash-1");

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("crash-1"));
        assertThat(deliveredAt.get(0) - receivedAt).as("not before the visibility timeout (2 s) ended")
                .isGreaterThanOrEqualTo(1900);
        await().atMost(Duration.ofSeconds(5)).until(() -> mns.messages(QUEUE) == 0);
        Thread.sleep(500);
        assertThat(delivered).containsExactly("crash-1");
        assertThat(mns.count("received")).as("received twice: by the node that died, then here").isEqualTo(2);
    }

    @Test
    void anEventTheStoreCouldNotRecordIsNotDeletedAndIsRecordedWhenItComesBack() throws Exception {
        mns.createQueue(QUEUE, Duration.ofSeconds(2));
        VOD.emulator().eventsToQueue(mns, QUEUE);
        AtomicInteger refusals = new AtomicInteger(1);
        MemoryAiJobStore store = new MemoryAiJobStore() {
            @Override
            public boolean markDue(String jobId) {
                if (refusals.getAndDecrement() > 0) {
                    throw new IllegalStateException("the database is away");
                }
                return super.markDue(jobId);
            }
        };
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("flakyStore", store);
        try (LogCapture log = LogCapture.atConfiguredLevels()) {
            start("jobStore=#flakyStore&minCheckInterval=60s&maxCheckInterval=60s");
            long finishesAt = track("flaky-1", Duration.ofMillis(300));

            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("flaky-1"));

            assertThat(deliveredAt.get(0) - finishesAt).as("after the visibility timeout (2 s) gave it back")
                    .isGreaterThanOrEqualTo(1900);
            assertThat(mns.count("received")).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> mns.messages(QUEUE) == 0);
            assertThat(log.text()).contains("could not record 1 events in the job store");
        }
    }

    @Test
    void duplicatedOrOutOfOrderEventsDeliverEachJobOnce() throws Exception {
        mns.createQueue(QUEUE, Duration.ofSeconds(30));
        mns.copies(3).outOfOrder(true);
        VOD.emulator().eventsToQueue(mns, QUEUE);
        start("minCheckInterval=60s&maxCheckInterval=60s");
        track("dup-1", Duration.ofMillis(600));
        track("dup-2", Duration.ofMillis(700));
        track("dup-3", Duration.ofMillis(800));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 3 && mns.messages(QUEUE) == 0);
        Thread.sleep(500);

        assertThat(delivered).containsExactlyInAnyOrder("dup-1", "dup-2", "dup-3");
        assertThat(mns.count("deleted")).isEqualTo(9);
        QueueFigures figures = figures();
        assertThat(figures.acceptedEvents() + figures.ignoredEvents()).isEqualTo(9);
    }

    @Test
    void withEventQueueTrustEventsAJobIsDeliveredAsItsEventTellsItWithoutListAiJob() throws Exception {
        mns.createQueue(QUEUE, Duration.ofSeconds(30));
        VOD.emulator().eventsToQueue(mns, QUEUE);
        List<AiJob> bodies = new CopyOnWriteArrayList<>();
        start("eventQueueTrustEvents=true&minCheckInterval=60s&maxCheckInterval=60s", bodies);
        VOD.emulator().addJob(EmulatedJob.builder("told-ok").mediaId("video-1").type(EmulatedJob.TYPE_VIDEO_TAG)
                .finishAfter(Duration.ofMillis(400)).succeeds().build());
        VOD.emulator().addJob(EmulatedJob.builder("told-fail").mediaId("video-2").finishAfter(Duration.ofMillis(500))
                .failsWith("InvalidVideo", "cannot decode").build());
        camel.createProducerTemplate().sendBody("aivod-aijob:q?operation=track", List.of("told-ok", "told-fail"));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 2);

        assertThat(asked("told-ok") + asked("told-fail")).as("ListAIJob calls for them").isZero();
        AiJob ok = bodies.stream().filter(j -> j.getJobId().equals("told-ok")).findFirst().orElseThrow();
        assertThat(ok.getStatus()).isEqualTo(AiJobStatus.SUCCESS);
        assertThat(ok.getMediaId()).isEqualTo("video-1");
        assertThat(ok.getType()).isEqualTo("AIVideoTag");
        assertThat(ok.getVideoTagResult().getTagNames()).isNotEmpty();
        AiJob failed = bodies.stream().filter(j -> j.getJobId().equals("told-fail")).findFirst().orElseThrow();
        assertThat(failed.getStatus()).isEqualTo(AiJobStatus.FAIL);
        assertThat(failed.getCode()).isEqualTo("InvalidVideo");
    }

    @Test
    void eventsWrittenAsBase64AreReadToo() throws Exception {
        mns.createQueue(QUEUE, Duration.ofSeconds(30));
        mns.base64Bodies(true);
        VOD.emulator().eventsToQueue(mns, QUEUE);
        start("minCheckInterval=60s&maxCheckInterval=60s");
        track("b64-1", Duration.ofMillis(600));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("b64-1"));
        assertThat(figures().poisonMessages()).isZero();
    }

    @Test
    void poisonMessagesAndOtherEventsAreDeletedWithOneWarnNamingThePoisonMessage() throws Exception {
        mns.createQueue(QUEUE, Duration.ofSeconds(30));
        try (LogCapture log = LogCapture.atConfiguredLevels()) {
            start("minCheckInterval=60s&maxCheckInterval=60s");
            String poison = mns.sendRaw(QUEUE, "<not json>");
            String noJobId = mns.sendRaw(QUEUE, "{\"EventType\":\"AIVideoTagComplete\",\"Status\":\"success\"}");
            mns.sendRaw(QUEUE, "{\"EventType\":\"VideoAIComplete\",\"JobId\":\"other-type\"}");
            mns.sendRaw(QUEUE, "{\"EventType\":\"AIMediaAuditComplete\",\"JobId\":\"audit-1\"}");
            mns.sendRaw(QUEUE, "{\"EventType\":\"AIMediaDNAComplete\",\"JobId\":\"someone-elses\"}");

            await().atMost(Duration.ofSeconds(10)).until(() -> mns.messages(QUEUE) == 0);

            QueueFigures figures = figures();
            assertThat(figures.poisonMessages()).isEqualTo(2);
            assertThat(figures.ignoredEvents()).isEqualTo(3);
            assertThat(figures.acceptedEvents()).isZero();
            assertThat(delivered).isEmpty();
            assertThat(log.text()).contains("deleted message " + poison, "deleted message " + noJobId);
            assertThat(log.text().lines().filter(l -> l.startsWith("WARN") && l.contains(poison))).hasSize(1);
        }
    }

    @Test
    void aMissingQueueTurnsTheConsumerDownWithTheReasonAndNothingIsLost() throws Exception {
        VOD.emulator().eventsToQueue(mns, QUEUE); // VOD writes, but the queue does not exist yet
        start("delay=200&minCheckInterval=1s&maxCheckInterval=1s");

        await().atMost(Duration.ofSeconds(10)).until(this::downWithAnError);
        HealthCheck.Result down = consumerResult();
        assertThat(down.getDetails()).containsEntry(AbstractHealthCheck.SERVICE_ERROR_CODE, "QueueNotExist")
                .containsEntry(VodAiJobHealthDetails.EVENT_QUEUE, QUEUE);
        assertThat(down.getError().map(Throwable::getMessage).orElse("")).contains("QueueNotExist",
                "check eventQueue");
        // the consumer's checks still deliver
        track("missing-1", Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("missing-1"));

        mns.createQueue(QUEUE, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(40)).until(() -> consumerState() == HealthCheck.State.UP);
    }

    @Test
    void deniedAccessTurnsTheConsumerDownAndTheEventsWaitInTheQueue() throws Exception {
        mns.createQueue(QUEUE, Duration.ofSeconds(30));
        mns.denyAccess(VodEmulator.DEMO_ACCESS_KEY_ID);
        VOD.emulator().eventsToQueue(mns, QUEUE);
        start("delay=200&minCheckInterval=60s&maxCheckInterval=60s");
        track("denied-1", Duration.ofMillis(300));

        await().atMost(Duration.ofSeconds(10)).until(this::downWithAnError);
        assertThat(consumerResult().getDetails()).containsEntry(AbstractHealthCheck.SERVICE_ERROR_CODE,
                "AccessDenied").containsEntry(AbstractHealthCheck.SERVICE_STATUS_CODE, 403);
        await().atMost(Duration.ofSeconds(5)).until(() -> mns.messages(QUEUE) == 1);
        assertThat(delivered).isEmpty();

        mns.allowAccess(VodEmulator.DEMO_ACCESS_KEY_ID);
        await().atMost(Duration.ofSeconds(40)).until(() -> delivered.contains("denied-1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumerState() == HealthCheck.State.UP);
        assertThat(mns.messages(QUEUE)).isZero();
    }

    @Test
    void throttledReceivesAreRetriedAndTheJobStillArrives() throws Exception {
        mns.createQueue(QUEUE, Duration.ofSeconds(30));
        VOD.emulator().eventsToQueue(mns, QUEUE);
        start("minCheckInterval=60s&maxCheckInterval=60s");
        mns.throttleNext(2); // the next receive and its first retry; the second retry goes through
        track("busy-1", Duration.ofMillis(1500));

        await().atMost(Duration.ofSeconds(20)).until(() -> delivered.contains("busy-1") && mns.messages(QUEUE) == 0);
        assertThat(mns.count("throttled")).isEqualTo(2);
        assertThat(figures().failures()).as("retried within the call, not a failure").isZero();
    }

    @Test
    void stsCredentialsSignTheQueueCallsWithTheirSecurityToken() throws Exception {
        VOD.emulator().addStsCredentials("STS.queue-key", "sts-secret", "sts-token-1");
        mns.addStsCredentials("STS.queue-key", "sts-secret", "sts-token-1");
        mns.createQueue(QUEUE, Duration.ofSeconds(30));
        VOD.emulator().eventsToQueue(mns, QUEUE);
        start("minCheckInterval=60s&maxCheckInterval=60s&accessKeyId=STS.queue-key&secretKey=sts-secret"
              + "&sessionToken=sts-token-1");
        long refusedBefore = mns.count("refused");
        track("sts-1", Duration.ofMillis(500));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("sts-1") && mns.messages(QUEUE) == 0);
        assertThat(mns.count("refused")).isEqualTo(refusedBefore).isZero();

        // the same key without its token is refused by the queue
        try (MnsQueueClient noToken = client("STS.queue-key", "sts-secret", null)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> noToken.receive(1, 0))
                    .hasMessageContaining("InvalidAccessKeyId");
        }
    }

    private void start(String options) throws Exception {
        start(options, new CopyOnWriteArrayList<>());
    }

    private void start(String options, List<AiJob> bodies) throws Exception {
        if (camel == null) {
            camel = new DefaultCamelContext();
        }
        EmulatedService.pointAt(camel, VOD.emulator());
        HealthChecksForTests.install(camel);
        String uri = "aivod-aijob:q?eventQueue=" + QUEUE + "&eventQueueEndpoint=" + mns.url()
                     + "&eventQueueWaitSeconds=5&" + options;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("q").process(e -> {
                    bodies.add(e.getMessage().getBody(AiJob.class));
                    deliveredAt.add(System.currentTimeMillis());
                    delivered.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class));
                });
            }
        });
        camel.start();
    }

    private long track(String jobId, Duration runs) {
        long finishesAt = System.currentTimeMillis() + runs.toMillis();
        VOD.emulator().addJob(EmulatedJob.builder(jobId).finishAfter(runs).succeeds().build());
        camel.createProducerTemplate().sendBody("aivod-aijob:q?operation=track", jobId);
        return finishesAt;
    }

    private QueueFigures figures() {
        return camel.getComponent("aivod-aijob", VodAiJobComponent.class).statistics("q").queue();
    }

    private static MnsQueueClient client(String keyId, String secret, String token) {
        return new MnsQueueClient(URI.create(mns.url()), QUEUE,
                CredentialsProvider.of(new AlibabaCloudCredentials(keyId, secret, token)),
                new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1.0), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Clock.systemUTC());
    }

    private static long asked(String jobId) {
        return VOD.emulator().stats().listAiJobBatches().stream().filter(batch -> batch.contains(jobId)).count();
    }

    /** DOWN for a failed poll (before its first poll a consumer is DOWN too, without an error). */
    private boolean downWithAnError() {
        HealthCheck.Result result = consumerResult();
        return result.getState() == HealthCheck.State.DOWN
               && result.getDetails().containsKey(AbstractHealthCheck.SERVICE_ERROR_CODE);
    }

    private HealthCheck.State consumerState() {
        return consumerResult().getState();
    }

    private HealthCheck.Result consumerResult() {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(camel);
        return results.stream().filter(r -> r.getCheck().getId().equals("consumer:q")).findFirst()
                .orElseThrow(() -> new AssertionError("no consumer check among " + results.stream()
                        .map(r -> r.getCheck().getId()).toList()));
    }
}
