package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.LoggingExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.reliability.LogCapture;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;
import io.github.camelaliyun.vod.aijob.store.ClaimedJob;
import io.github.camelaliyun.vod.aijob.store.JdbcAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several Camel contexts (the nodes of a cluster) on one label and one PostgreSQL table, against the emulator over
 * HTTP: they share the work, deliver every job, none twice when no node fails; a node that stalls past its lease has
 * its completion refused while another node delivers the job; a failed route brings the job back with a higher count.
 */
class JdbcClusterTest {

    /** The database the nodes share; a subclass runs the same on MariaDB. */
    TestDatabase database() {
        return TestPostgres.DATABASE;
    }

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final AtomicInteger TABLES = new AtomicInteger();

    /** The JDBC store with each claim's size counted per node. */
    static final class CountingStore extends JdbcAiJobStore {
        final List<Integer> claims = Collections.synchronizedList(new ArrayList<>());

        CountingStore(DataSource dataSource, String table, String label) {
            super(dataSource, table, label, true);
        }

        @Override
        public List<ClaimedJob> claim(String owner, int limit, Duration leaseDuration, Duration firstCheckAfter) {
            // the due jobs of a page; the jobs claimed ahead only fill its last call's spare places
            List<ClaimedJob> claimed = super.claim(owner, limit, leaseDuration, firstCheckAfter);
            if (!claimed.isEmpty()) {
                claims.add(claimed.size());
            }
            return claimed;
        }
    }

    /** The JDBC store of a node whose renewals never get through: a node that stalls (a long GC pause, say). */
    static final class StallingStore extends JdbcAiJobStore {
        StallingStore(DataSource dataSource, String table, String label) {
            super(dataSource, table, label, true);
        }

        @Override
        public List<ClaimedJob> renew(Collection<ClaimedJob> jobs, Duration leaseDuration) {
            return List.of();
        }
    }

    private static String table() {
        return "cluster_" + TABLES.incrementAndGet();
    }

    @Test
    void threeNodesDeliverEveryJobOnceAndAskInCeilClaimedOverTenCalls() throws Exception {
        int count = 3000;
        Random random = new Random(1414);
        List<String> ids = IntStream.range(0, count).mapToObj(i -> "cluster-" + i).toList();
        for (String id : ids) {
            VOD.emulator().addJob(EmulatedJob.builder(id).finishAfter(Duration.ofMillis(random.nextInt(3000))).build());
        }
        String table = table();
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        List<CountingStore> stores = new ArrayList<>();
        List<Map<String, AtomicInteger>> perNode = new ArrayList<>();
        List<CamelContext> nodes = new ArrayList<>();
        long callsBefore = VOD.emulator().stats().calls("ListAIJob");
        try {
            for (int n = 0; n < 3; n++) {
                CountingStore store = new CountingStore(database().dataSource(), table, "shared");
                Map<String, AtomicInteger> mine = new ConcurrentHashMap<>();
                stores.add(store);
                perNode.add(mine);
                nodes.add(node(store, "delay=" + (100 + n) + "&initialDelay=0", e -> {
                    String id = e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class);
                    deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    mine.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    // a route that does some work, as real ones do: a node busy delivering leaves the backlog to the
                    // others, whatever share of the CPU each node's poll thread gets on a busy machine
                    Thread.sleep(3);
                }));
            }
            nodes.get(0).createProducerTemplate().sendBody("aivod-aijob:shared?operation=track", ids);

            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() == count);
            await().atMost(Duration.ofSeconds(10)).until(() -> stores.get(0).size() == 0);
        } finally {
            for (CamelContext node : nodes) {
                node.close();
            }
        }
        long calls = VOD.emulator().stats().calls("ListAIJob") - callsBefore;

        assertThat(deliveries).hasSize(count);
        assertThat(deliveries.entrySet()).filteredOn(e -> e.getValue().get() != 1).as("delivered more than once")
                .isEmpty();
        for (int n = 0; n < 3; n++) {
            // claims of a few rounds of calls each, not of every due job: the nodes share a backlog
            assertThat(perNode.get(n).size()).as("node %d's share of %d jobs", n, count)
                    .isBetween(count / 5, count / 2);
        }
        // every claimed page needs at least ceil(page/10) calls (10 ids a call at most), so the total being the sum
        // means that each node asked about each of its pages in exactly ceil(page/10) calls
        long expected = 0;
        for (CountingStore store : stores) {
            synchronized (store.claims) {
                for (int page : store.claims) {
                    expected += (page + 9) / 10;
                }
            }
        }
        System.out.printf("JdbcClusterTest: %d jobs on 3 nodes: delivered %s, %d claims, %d ListAIJob calls%n",
                count, perNode.stream().map(Map::size).toList(),
                stores.stream().mapToInt(s -> s.claims.size()).sum(), calls);
        assertThat(calls).isEqualTo(expected);
    }

    @Test
    void aNodeThatStallsPastItsLeaseIsRefusedAndAnotherNodeDeliversTheJob() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("stalled-1").build());
        String table = table();
        CountDownLatch stalledStarted = new CountDownLatch(1);
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        AtomicLong routeFailures = new AtomicLong();
        String log;
        try (LogCapture capture = LogCapture.atConfiguredLevels()) {
            try (CamelContext stalling = node(new StallingStore(database().dataSource(), table, "stall"),
                    "delay=50&initialDelay=0&leaseDuration=1000", e -> {
                        delivered.add("stalling");
                        stalledStarted.countDown();
                        Thread.sleep(3000);
                    })) {
                stalling.getRegistry().bind("failures", routeFailures);
                stalling.createProducerTemplate().sendBody("aivod-aijob:stall?operation=track", "stalled-1");
                assertThat(stalledStarted.await(10, TimeUnit.SECONDS)).isTrue();
                try (CamelContext healthy = node(new JdbcAiJobStore(database().dataSource(), table, "stall", true),
                        "delay=50&initialDelay=0&leaseDuration=1000", e -> delivered.add("healthy"))) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("healthy"));
                    // the stalled exchange ends (successfully, for its route) after the other node's
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> capture.text().contains("leases were lost meanwhile"));
                }
            }
            log = capture.text();
        }

        assertThat(delivered).containsExactly("stalling", "healthy");
        assertThat(log).contains("WARN " + VodAiJobConsumer.class.getName()).contains("stalled-1");
        assertThat(new JdbcAiJobStore(database().dataSource(), table, "stall", false).size()).isZero();
    }

    @Test
    void aFailedRouteBringsTheJobBackWithAHigherCountPossiblyOnAnotherNode() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("fails-once").build());
        String table = table();
        List<String> deliveries = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failuresLeft = new AtomicInteger(1);
        List<CamelContext> nodes = new ArrayList<>();
        try {
            for (int n = 0; n < 2; n++) {
                String name = "node" + n;
                CamelContext node = new DefaultCamelContext();
                EmulatedService.pointAt(node, VOD.emulator());
                node.getRegistry().bind("ds", database().dataSource());
                node.getRegistry().bind("quietHandler",
                        new LoggingExceptionHandler(node, VodAiJobConsumer.class, LoggingLevel.DEBUG));
                node.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("aivod-aijob:retry?dataSource=#ds&jobStoreTable=" + table
                             + "&delay=50&initialDelay=0&exceptionHandler=#quietHandler")
                                .errorHandler(noErrorHandler())
                                .process(e -> {
                                    deliveries.add(e.getMessage().getHeader(VodAiJobConstants.DELIVERY_COUNT) + "@"
                                                   + name);
                                    if (failuresLeft.getAndDecrement() > 0) {
                                        throw new IllegalStateException("downstream refused (on purpose)");
                                    }
                                });
                    }
                });
                node.start();
                nodes.add(node);
            }
            nodes.get(1).createProducerTemplate().sendBody("aivod-aijob:retry?dataSource=#ds&jobStoreTable=" + table
                                                           + "&operation=track", "fails-once");

            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> new JdbcAiJobStore(database().dataSource(), table,
                    "retry", false).size() == 0);
        } finally {
            for (CamelContext node : nodes) {
                node.close();
            }
        }

        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0)).startsWith("1@");
        assertThat(deliveries.get(1)).startsWith("2@");
    }

    /** A node: a Camel context whose consumer on the store's label runs the processor. */
    private CamelContext node(AiJobStore store, String options, org.apache.camel.Processor processor)
            throws Exception {
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.getRegistry().bind("store", store);
        String label = store instanceof JdbcAiJobStore ? labelOf(store) : "shared";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:" + label + "?jobStore=#store&" + options).process(processor);
            }
        });
        camel.start();
        return camel;
    }

    private static String labelOf(AiJobStore store) {
        String text = store.toString();
        return text.substring(text.indexOf("label=") + 6, text.length() - 1);
    }
}
