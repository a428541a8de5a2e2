package io.github.camelaliyun.vod.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.github.camelaliyun.vod.aijob.TestMariaDb;
import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.store.ClaimedJob;
import io.github.camelaliyun.vod.aijob.store.JdbcAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * Several consumer nodes (Camel contexts) on one PostgreSQL (or, with {@code --database=mariadb}, MariaDB) table,
 * side by side: jobs delivered per second with 1, 2 and 3 nodes ({@code --nodes=1,3} for some of them) while the
 * emulator adds 20 ms to each call, and the store's own claim-and-complete rate without VOD.
 * Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests install exec:exec
 * -Dbench.main=io.github.camelaliyun.vod.benchmarks.ClusterBenchmark [-Dbench.args="--jobs=6000 --latency=20"]}.
 */
public final class ClusterBenchmark {

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = 6000;
        int latency = 20;
        int runs = 3;
        String database = "postgresql";
        List<Integer> nodeCounts = List.of(1, 2, 3);
        for (String arg : args) {
            if (arg.startsWith("--jobs=")) {
                jobs = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--latency=")) {
                latency = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--database=")) {
                database = arg.substring(11);
            } else if (arg.startsWith("--nodes=")) {
                nodeCounts = java.util.Arrays.stream(arg.substring(8).split(",")).map(Integer::valueOf).toList();
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Cluster benchmark: %d cores, Java %s; %s; %d finished jobs, emulator"
                                              + " latency %d ms a call; best of %d runs%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), database, jobs,
                latency, runs));
        boolean mariaDb = database.equalsIgnoreCase("mariadb");
        try (EmbeddedPostgres postgres = mariaDb ? null : EmbeddedPostgres.builder().start();
             HikariDataSource pool = mariaDb ? (HikariDataSource) TestMariaDb.instance().dataSource() : pool(postgres);
             VodEmulator emulator = VodEmulator.start()) {
            emulator.faults().latency(Duration.ofMillis(latency));
            out.append("| nodes | jobs/s | against 1 node |\n|---|---|---|\n");
            double one = 0;
            for (int nodes : nodeCounts) {
                double best = 0;
                for (int run = 0; run < runs; run++) {
                    best = Math.max(best, deliveries(emulator, pool, nodes, jobs, "n" + nodes + "r" + run));
                }
                one = one == 0 ? best : one;
                out.append(String.format(Locale.ROOT, "| %d | %.0f | %.2f |%n", nodes, best, best / one));
                System.out.print(out.substring(out.lastIndexOf("| " + nodes + " |")));
            }
            out.append("\n| one consumer, every job due on every poll | jobs asked/s | against the bound |\n"
                       + "|---|---|---|\n");
            // 4 calls in flight of 10 ids each, each call taking the emulator's latency
            double bound = 4 * 10 * 1000.0 / latency;
            double asked = 0;
            for (int run = 0; run < runs; run++) {
                asked = Math.max(asked, askRate(emulator, pool, 2000, Duration.ofSeconds(10), "a" + run));
            }
            out.append(String.format(Locale.ROOT, "| 2,000 unfinished jobs, %d ms a call | %.0f | %.2f of %.0f |%n",
                    latency, asked, asked / bound, bound));
            System.out.print(out.substring(out.lastIndexOf("| 2,000")));
            out.append("\n| store alone (no VOD) | claims+completes/s |\n|---|---|\n");
            for (int threads : List.of(1, 3)) {
                double best = 0;
                for (int run = 0; run < runs; run++) {
                    best = Math.max(best, storeRate(pool, threads, jobs, "s" + threads + "r" + run));
                }
                out.append(String.format(Locale.ROOT, "| %d thread%s, pages of 100 | %.0f |%n", threads,
                        threads == 1 ? "" : "s", best));
            }
        }
        System.out.println();
        System.out.println(out);
        Path dir = Path.of("target", "benchmarks");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cluster.md"), out.toString(), StandardCharsets.UTF_8);
    }

    private static HikariDataSource pool(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(postgres.getPostgresDatabase());
        config.setMaximumPoolSize(16);
        return new HikariDataSource(config);
    }

    /** Jobs delivered per second by {@code nodes} Camel contexts on one label, from the track to the last delivery. */
    private static double deliveries(VodEmulator emulator, DataSource dataSource, int nodes, int jobs, String label)
            throws Exception {
        List<String> ids = IntStream.range(0, jobs).mapToObj(i -> label + "-" + i).toList();
        ids.forEach(id -> emulator.addJob(EmulatedJob.builder(id).build()));
        JdbcAiJobStore store = new JdbcAiJobStore(dataSource, "bench_jobs", label, true);
        store.add(ids, Instant.now());
        CountDownLatch done = new CountDownLatch(jobs);
        AtomicInteger delivered = new AtomicInteger();
        List<CamelContext> contexts = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int n = 0; n < nodes; n++) {
                CamelContext camel = node(emulator, dataSource, label, "", e -> {
                    delivered.incrementAndGet();
                    done.countDown();
                });
                contexts.add(camel);
            }
            if (!done.await(5, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + delivered.get() + " of " + jobs + " delivered");
            }
            return jobs / ((System.nanoTime() - start) / 1e9);
        } finally {
            for (CamelContext camel : contexts) {
                camel.close();
            }
        }
    }

    /**
     * Job ids asked about per second by one consumer whose jobs never finish and are due again at once
     * ({@code maxCheckInterval=0}): the consumer's own overhead (claims, releases, the poll loop) against the bound
     * that its calls in flight set. Counted over {@code window} after the first full round.
     */
    private static double askRate(VodEmulator emulator, DataSource dataSource, int jobs, Duration window, String label)
            throws Exception {
        List<String> ids = IntStream.range(0, jobs).mapToObj(i -> label + "-" + i).toList();
        ids.forEach(id -> emulator.addJob(EmulatedJob.builder(id).neverFinishes().build()));
        JdbcAiJobStore store = new JdbcAiJobStore(dataSource, "bench_jobs", label, true);
        store.add(ids, Instant.now());
        try (CamelContext camel = node(emulator, dataSource, label, "&maxCheckInterval=0&maxConcurrentRequests=4",
                e -> {
                })) {
            long first = emulator.stats().calls("ListAIJob");
            while (emulator.stats().calls("ListAIJob") - first < jobs / 10) {
                Thread.sleep(10);
            }
            long before = emulator.stats().calls("ListAIJob");
            long start = System.nanoTime();
            Thread.sleep(window.toMillis());
            long calls = emulator.stats().calls("ListAIJob") - before;
            return calls * 10 / ((System.nanoTime() - start) / 1e9);
        } finally {
            store.remove(ids);
        }
    }

    /** A started node: a Camel context whose consumer of {@code label} on the table runs {@code route}. */
    private static CamelContext node(VodEmulator emulator, DataSource dataSource, String label, String options,
            Processor route) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
        component.getConfiguration().setEndpoint(emulator.url());
        component.getConfiguration().setAccessKeyId(VodEmulator.DEMO_ACCESS_KEY_ID);
        component.getConfiguration().setSecretKey(VodEmulator.DEMO_ACCESS_KEY_SECRET);
        camel.getRegistry().bind("ds", dataSource);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:" + label + "?dataSource=#ds&jobStoreTable=bench_jobs&delay=10&initialDelay=0"
                     + options).process(route);
            }
        });
        camel.start();
        return camel;
    }

    /** Claims (pages of 100) and completes every job, without VOD: the store's own ceiling. */
    private static double storeRate(DataSource dataSource, int threads, int jobs, String label) throws Exception {
        JdbcAiJobStore store = new JdbcAiJobStore(dataSource, "bench_jobs", label, true);
        store.add(IntStream.range(0, jobs).mapToObj(i -> label + "-" + i).toList(), Instant.now());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String owner = "worker" + t;
                workers.add(pool.submit(() -> {
                    List<ClaimedJob> page;
                    while (!(page = store.claim(owner, 100, Duration.ofMinutes(1))).isEmpty()) {
                        page.forEach(store::complete);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return jobs / ((System.nanoTime() - start) / 1e9);
    }
}
