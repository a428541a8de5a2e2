package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.LoggingExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.store.ClaimedJob;
import io.github.camelaliyun.vod.aijob.store.JdbcAiJobStore;
import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one node guarantees holds with several: a follow-up job submitted by one node's delivery is not submitted again
 * when another node redelivers the job (the submit ledger is in the shared store), and a node whose leases lapsed
 * while its route was busy does not hand the route the jobs it had not started (another node holds them now).
 */
class ClusterGuaranteesTest {

    /** The database the nodes share; a subclass runs the same on MariaDB. */
    TestDatabase database() {
        return TestPostgres.DATABASE;
    }

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final AtomicInteger TABLES = new AtomicInteger();

    @Test
    void aFollowUpSubmittedOnOneNodeIsNotSubmittedAgainWhenAnotherNodeRedeliversTheJob() throws Exception {
        String table = "guarantees_" + TABLES.incrementAndGet();
        List<String> ids = IntStream.range(0, 10).mapToObj(i -> "dna-" + i).toList();
        ids.forEach(id -> VOD.emulator().addJob(EmulatedJob.builder(id).mediaId("video-" + id)
                .type(EmulatedJob.TYPE_MEDIA_DNA).build()));
        long submitsBefore = VOD.emulator().stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB);
        Set<String> failedOnA = ConcurrentHashMap.newKeySet();
        List<String> passedOnB = Collections.synchronizedList(new ArrayList<>());

        try (CamelContext nodeA = followUpNode(table, e -> {
            failedOnA.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class));
            throw new IllegalStateException("the archive is full (on purpose)");
        })) {
            nodeA.createProducerTemplate().sendBody("aivod-aijob:dna?dataSource=#ds&jobStoreTable=" + table
                                                    + "&operation=track", ids);
            await().atMost(Duration.ofSeconds(20)).until(() -> failedOnA.size() == ids.size());
        }
        assertThat(VOD.emulator().stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB) - submitsBefore)
                .as("node A submitted one follow-up per video").isEqualTo(ids.size());

        try (CamelContext nodeB = followUpNode(table, e -> passedOnB.add(e.getMessage().getHeader(
                VodAiJobConstants.MEDIA_ID, String.class)))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> new JdbcAiJobStore(database().dataSource(), table,
                    "dna", false).size() == 0);
        }

        assertThat(passedOnB).hasSize(ids.size());
        assertThat(VOD.emulator().stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB) - submitsBefore)
                .as("node B's redeliveries got the follow-ups node A created, without paying again")
                .isEqualTo(ids.size());
    }

    /**
     * A node whose consumer on label {@code dna} submits a tagging job for each finished job and then runs
     * {@code afterSubmit}.
     */
    private CamelContext followUpNode(String table, org.apache.camel.Processor afterSubmit) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.getRegistry().bind("ds", database().dataSource());
        camel.getRegistry().bind("quietHandler",
                new LoggingExceptionHandler(camel, VodAiJobConsumer.class, LoggingLevel.DEBUG));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:dna?dataSource=#ds&jobStoreTable=" + table
                     + "&delay=50&initialDelay=0&exceptionHandler=#quietHandler")
                        .errorHandler(noErrorHandler())
                        .setBody(header(VodAiJobConstants.MEDIA_ID))
                        .to("aivod-aijob:tags?operation=submitAiJob&jobTypes=AIVideoTag")
                        .process(afterSubmit);
            }
        });
        camel.start();
        return camel;
    }

    /** A store whose renewals fail: what a node cut off from a shared database looks like. */
    static final class NoRenewalStore extends MemoryAiJobStore {
        @Override
        public synchronized List<ClaimedJob> renew(Collection<ClaimedJob> jobs, Duration leaseDuration) {
            throw new IllegalStateException("the database cannot be reached (on purpose)");
        }
    }

    @Test
    void aConsumerWhoseLeasesLapsedDoesNotHandOverTheJobsItHadNotStarted() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("lapse-slow").build());
        VOD.emulator().addJob(EmulatedJob.builder("lapse-next").build());
        List<String> deliveries = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch slowEnded = new CountDownLatch(1);
        AtomicInteger pollsAfterSlow = new AtomicInteger();
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.getRegistry().bind("store", new NoRenewalStore());
        String common = "&initialDelay=0&leaseDuration=300&jobStore=#store";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the stalling consumer: its first exchange outlasts the lease of every job of its page
                from("aivod-aijob:lapse?delay=50" + common).routeId("stalling").process(e -> {
                    String id = e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class);
                    deliveries.add(id + "@stalling");
                    if (slowStarted.getCount() > 0) {
                        slowStarted.countDown();
                        Thread.sleep(1200);
                        slowEnded.countDown();
                    }
                });
                from("aivod-aijob:lapse?delay=51" + common).routeId("healthy").autoStartup(false)
                        .process(e -> deliveries.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID) + "@healthy"));
            }
        });
        try (camel) {
            camel.start();
            camel.createProducerTemplate().sendBody("aivod-aijob:lapse?operation=track&jobStore=#store",
                    List.of("lapse-slow", "lapse-next"));
            assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
            camel.getRouteController().startRoute("healthy");
            assertThat(slowEnded.await(10, TimeUnit.SECONDS)).isTrue();
            // the stalling consumer's poll goes on with the next job of its page (or does not): a poll later, done
            await().atMost(Duration.ofSeconds(10)).until(() -> camel.getEndpoint("aivod-aijob:lapse",
                    VodAiJobEndpoint.class).getJobStore().size() == 0 && camel.getInflightRepository().size() == 0
                    && pollsAfterSlow.incrementAndGet() > 5);
        }

        String first = deliveries.get(0);
        String other = first.startsWith("lapse-slow") ? "lapse-next" : "lapse-slow";
        assertThat(deliveries.stream().filter(d -> d.startsWith(other + "@")))
                .as("the job the stalled consumer had not started is delivered once, by the healthy one: %s",
                        deliveries)
                .containsExactly(other + "@healthy");
    }
}
