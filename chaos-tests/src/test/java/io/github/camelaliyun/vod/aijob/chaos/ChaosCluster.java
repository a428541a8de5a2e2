package io.github.camelaliyun.vod.aijob.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.github.camelaliyun.vod.aijob.store.JdbcAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * The nodes of one scenario on a fresh table of their own, the jobs they watch, and what they delivered. The test
 * JVM adds the jobs to the table (as a producer with {@code track=true} would) and to the emulator, where each is an
 * AIMediaDNA job on a video of its own ({@code media-<job id>}), so that a follow-up paid twice shows per video.
 */
final class ChaosCluster implements AutoCloseable {

    static final int NODES = 3;
    static final String LABEL = "chaos";
    static final String SECRET = "chaos-node-secret";

    private final String scenario;
    private final VodEmulator vod;
    private final Path dir;
    private final String table;
    private final HikariDataSource testPool;
    private final JdbcAiJobStore store;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<String> jobIds = new ArrayList<>();

    /**
     * @param jdbcUrlOfNode the database URL each node connects to (by index): the server's, or a proxy's
     */
    ChaosCluster(String scenario, VodEmulator vod, ChaosPostgres postgres, Path dir, long leaseMillis, int poolSize,
                 long routeDelay, int failPercent, IntFunction<String> jdbcUrlOfNode)
            throws IOException, InterruptedException, SQLException {
        this.scenario = scenario;
        this.vod = vod;
        this.dir = Files.createDirectories(dir);
        this.table = "chaos_" + scenario.replace('-', '_');
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setMaximumPoolSize(2);
        // the test waits on the table in loops: a database that is down must not block them for Hikari's 30 s
        config.setConnectionTimeout(1000);
        config.setPoolName("chaos-test");
        testPool = new HikariDataSource(config);
        try (Connection connection = testPool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table + ", " + table + "_seeded");
        }
        store = new JdbcAiJobStore(testPool, table, LABEL, true);
        for (int n = 0; n < NODES; n++) {
            String key = "chaos-node-" + n;
            vod.addCredentials(key, SECRET);
            Path delivered = dir.resolve("node-" + n + "-delivered.tsv");
            Files.deleteIfExists(delivered);
            NodeSpec spec = new NodeSpec("node-" + n, vod.url(), key, SECRET, jdbcUrlOfNode.apply(n), table, LABEL,
                    leaseMillis, poolSize, routeDelay, failPercent, delivered,
                    // node-0, the one the node faults hit, polls twice as often: it is the likelier to hold a batch
                    n == 0 ? 50 : 100);
            Path log = dir.resolve("node-" + n + ".log");
            // one log per node and run; a restart within the run appends to it
            Files.deleteIfExists(log);
            nodes.add(NodeProcess.launch(spec, log));
        }
        for (NodeProcess node : nodes) {
            node.awaitWatching();
        }
    }

    String scenario() {
        return scenario;
    }

    Path dir() {
        return dir;
    }

    NodeProcess node(int index) {
        return nodes.get(index);
    }

    List<NodeProcess> nodes() {
        return nodes;
    }

    /** Every job added so far. */
    List<String> jobIds() {
        return List.copyOf(jobIds);
    }

    /** Adds {@code count} jobs that finish at random within {@code finishWithin} (at least {@code after}). */
    List<String> addJobs(String wave, int count, Duration after, Duration finishWithin, Random random) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = scenario + "-" + wave + "-" + jobIds.size();
            long finish = after.toMillis() + random.nextInt((int) Math.max(1, finishWithin.toMillis()));
            vod.addJob(EmulatedJob.builder(id).type(EmulatedJob.TYPE_MEDIA_DNA).mediaId(mediaIdOf(id))
                    .finishAfter(Duration.ofMillis(finish)).build());
            ids.add(id);
            jobIds.add(id);
        }
        store.add(ids, Instant.now());
        return ids;
    }

    static String mediaIdOf(String jobId) {
        return "media-" + jobId;
    }

    /** Every delivery of every node, by the files they wrote. */
    List<Delivery> deliveries() throws IOException {
        List<Delivery> all = new ArrayList<>();
        for (NodeProcess node : nodes) {
            all.addAll(node.deliveries());
        }
        return all;
    }

    /** Every attempt of every node, the failures on purpose included. */
    List<Delivery> attempts() throws IOException {
        List<Delivery> all = new ArrayList<>();
        for (NodeProcess node : nodes) {
            all.addAll(node.attempts());
        }
        return all;
    }

    /**
     * The exchanges that had entered a node's route and not yet ended (failed or recorded) at {@code atMillis}, on
     * the given nodes: the most a fault at that moment may deliver twice.
     */
    int inFlight(List<Integer> nodeIndexes, long atMillis) throws IOException {
        int inFlight = 0;
        for (int n : nodeIndexes) {
            List<Delivery> before = nodes.get(n).lines().stream().filter(d -> d.atMillis() <= atMillis).toList();
            for (Delivery start : before) {
                if (start.started() && before.stream().noneMatch(d -> !d.started() && d.sameExchange(start))) {
                    inFlight++;
                }
            }
        }
        return inFlight;
    }

    /** The rows left in the table, or -1 while the database does not answer. */
    int pendingRows() {
        try {
            return store.size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * The pending jobs that still hold a submit ledger: a delivery sent their follow-up's SubmitAIJob and did not
     * complete, and the outcome of that call is unknown to the store (the node died during it, or the store failed
     * as its answer was recorded). The component refuses to pay again for them, so their deliveries fail until a
     * person checks the VOD console: kept, not lost. Empty while the database does not answer.
     */
    List<String> strandedJobs() {
        try {
            List<String> stranded = new ArrayList<>();
            store.pending(0, 10_000).forEach(job -> {
                if (store.submitLedger(job.jobId()) != null) {
                    stranded.add(job.jobId());
                }
            });
            return stranded;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Waits until the condition holds or the timeout passes; returns whether it holds. */
    static boolean await(Duration timeout, CheckedCondition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.holds();
    }

    /** A condition that may read files or the table. */
    @FunctionalInterface
    interface CheckedCondition {
        boolean holds() throws Exception;
    }

    @Override
    public void close() throws Exception {
        for (NodeProcess node : nodes) {
            node.close();
        }
        testPool.close();
    }
}
