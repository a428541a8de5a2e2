package io.github.camelaliyun.vod.aijob;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.store.JdbcAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node in a child JVM is killed with SIGKILL ({@code destroyForcibly()}) at random moments, three times, while two
 * nodes in this JVM share the PostgreSQL table with it: every job is delivered, the killed node's after its lease
 * expired. A job is delivered twice only if its exchange was in flight on the killed node (written to its file, not yet
 * completed in the table): at most one per kill, since a node's route takes one job at a time.
 */
class JdbcNodeKilledTest {

    /** The database the nodes share; a subclass runs the same on MariaDB. */
    TestDatabase database() {
        return TestPostgres.DATABASE;
    }

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final String LEASE = "1500";

    @TempDir
    Path dir;

    @Test
    void theJobsOfAKilledNodeAreDeliveredByTheOthers() throws Exception {
        Random random = new Random(1415);
        List<String> ids = IntStream.range(0, 600).mapToObj(i -> "killed-" + i).toList();
        ids.forEach(id -> VOD.emulator().addJob(EmulatedJob.builder(id)
                .finishAfter(Duration.ofMillis(2000 + random.nextInt(8000))).build()));
        String table = "killed_jobs";
        JdbcAiJobStore store = new JdbcAiJobStore(database().dataSource(), table, "killed", true);
        store.add(ids, java.time.Instant.now());
        Path childDelivered = dir.resolve("child-delivered.txt");
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        int kills = 3;

        List<CamelContext> nodes = new ArrayList<>();
        try {
            Process child = startChild(table, childDelivered, 0);
            for (int n = 0; n < 2; n++) {
                nodes.add(node(table, delivered, n));
            }
            for (int kill = 1; kill <= kills; kill++) {
                Thread.sleep(700 + random.nextInt(1300));
                child.destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                if (kill < kills) {
                    child = startChild(table, childDelivered, kill);
                }
            }
            long deadline = System.currentTimeMillis() + 40_000;
            while (store.size() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            for (CamelContext node : nodes) {
                node.close();
            }
        }

        List<String> all = new ArrayList<>(delivered);
        List<String> byChild = Files.exists(childDelivered)
                ? Files.readAllLines(childDelivered, StandardCharsets.UTF_8) : List.of();
        all.addAll(byChild);
        Set<String> unique = new HashSet<>(all);
        System.out.printf("JdbcNodeKilledTest: %d jobs, %d kills, %d delivered by the killed node, %d by the others,"
                          + " %d duplicates%n", ids.size(), kills, byChild.size(), delivered.size(),
                all.size() - unique.size());
        assertThat(store.size()).isZero();
        assertThat(unique).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(all.size() - unique.size()).as("duplicates: only exchanges in flight on a killed node")
                .isLessThanOrEqualTo(kills);
    }

    private CamelContext node(String table, List<String> delivered, int n) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.getRegistry().bind("ds", database().dataSource());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:killed?delay=" + (50 + n) + "&initialDelay=0&dataSource=#ds&jobStoreTable=" + table
                     + "&leaseDuration=" + LEASE)
                        .process(e -> delivered.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class)));
            }
        });
        camel.start();
        return camel;
    }

    /** Starts a child node and waits until its route runs. */
    private Process startChild(String table, Path delivered, int run) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("child-" + run + ".log");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashableJdbcNode.class.getName(), VOD.emulator().url(), database().jdbcUrl(), table,
                delivered.toString(), LEASE)
                .redirectErrorStream(true)
                .redirectOutput(new File(log.toString()))
                .start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && child.isAlive()
               && !(Files.exists(log) && Files.readString(log).contains("watching"))) {
            Thread.sleep(50);
        }
        assertThat(child.isAlive()).as("child node %d started (see %s)", run, log).isTrue();
        return child;
    }
}
