package io.github.camelaliyun.vod.aijob;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
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
 * nodes in this JVM share the table with it: every job is delivered, the killed node's after its lease expired. A job
 * is delivered twice only if the killed node had delivered it (written to its file) and its outcome was not in the
 * table yet: its exchange was running, or had completed while the outcome write before it ran (outcomes are written a
 * batch at a time, and tried again only while the lease holds). Such a job was delivered by the child within one
 * lease of the kill; a duplicate from anywhere else (a node in this JVM, an older delivery of the child) is a defect.
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
        String table = "killed_jobs";
        JdbcAiJobStore store = new JdbcAiJobStore(database().dataSource(), table, "killed", true);
        Path childDelivered = dir.resolve("child-delivered.txt");
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        int kills = 3;

        List<Long> killedAt = new ArrayList<>();
        List<Integer> pendingAtKills = new ArrayList<>();
        List<CamelContext> nodes = new ArrayList<>();
        try {
            Process child = startChild(table, childDelivered, 0);
            for (int n = 0; n < 2; n++) {
                nodes.add(node(table, delivered, n));
            }
            // the jobs finish over the next 10 s, counted from when all the nodes run (however slow their start)
            ids.forEach(id -> VOD.emulator().addJob(EmulatedJob.builder(id)
                    .finishAfter(Duration.ofMillis(2000 + random.nextInt(8000))).build()));
            store.add(ids, java.time.Instant.now());
            for (int kill = 1; kill <= kills; kill++) {
                Thread.sleep((kill == 1 ? 2500 : 700) + random.nextInt(1300));
                killedAt.add(System.currentTimeMillis());
                pendingAtKills.add(store.size());
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

        Map<String, Long> childDeliveredAt = new HashMap<>();
        List<String> all = new ArrayList<>(delivered);
        for (String line : Files.exists(childDelivered)
                ? Files.readAllLines(childDelivered, StandardCharsets.UTF_8) : List.<String> of()) {
            String[] idAndTime = line.split(" ");
            if (idAndTime.length == 2) { // a line cut short by the kill was not delivered
                all.add(idAndTime[0]);
                childDeliveredAt.merge(idAndTime[0], Long.parseLong(idAndTime[1]), Math::max);
            }
        }
        Set<String> unique = new HashSet<>();
        Set<String> duplicates = new TreeSet<>();
        all.forEach(id -> {
            if (!unique.add(id)) {
                duplicates.add(id);
            }
        });
        System.out.printf("JdbcNodeKilledTest: %d jobs, %d kills (jobs pending at each: %s), %d delivered by the killed"
                          + " node, %d by the others, %d duplicates%n", ids.size(), kills, pendingAtKills,
                all.size() - delivered.size(), delivered.size(), all.size() - unique.size());
        assertThat(pendingAtKills).as("a kill came while jobs were pending").anySatisfy(n -> assertThat(n).isPositive());
        assertThat(all.size() - delivered.size()).as("deliveries by the killed node").isPositive();
        assertThat(store.size()).isZero();
        assertThat(unique).containsExactlyInAnyOrderElementsOf(ids);
        long lease = Long.parseLong(LEASE);
        assertThat(duplicates).as("duplicates: only jobs the killed node delivered within a lease of a kill")
                .allSatisfy(id -> assertThat(childDeliveredAt.get(id)).as(id)
                        .isNotNull()
                        .satisfies(at -> assertThat(killedAt).anySatisfy(kill -> assertThat(at)
                                .isBetween(kill - lease, kill + 1000))));
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
