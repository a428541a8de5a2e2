package io.github.camelaliyun.vod.benchmarks;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import io.github.camelaliyun.vod.aijob.store.AiJobStore.Release;
import io.github.camelaliyun.vod.aijob.store.ClaimedJob;
import io.github.camelaliyun.vod.aijob.store.JdbcAiJobStore;

/**
 * The PostgreSQL job store alone with a million pending jobs of one label: the time to load them and the space they
 * take; the claim of a page (1,000, the consumer's largest, and 100) with no job leased, with 200,000 jobs leased by
 * another node, and with none leased again, each with the plan PostgreSQL runs it with (and its generic plan); the
 * release and completion of a page; the dead rows that 100,000 claims and completions leave, and whether autovacuum
 * keeps up. Latencies are those of the store's own
 * methods (pool, driver, statement), as a consumer sees them.
 * <p>
 * Run: {@code ./mvnw -q -DskipTests install -pl benchmarks -am}, then {@code ./mvnw -q -pl benchmarks exec:exec
 * -Dbench.main=io.github.camelaliyun.vod.benchmarks.StoreScaleBenchmark
 * [-Dbench.args="--jobs=1000000 --leased=200000 --samples=200 --churn=100000"]}. Writes
 * {@code target/benchmarks/store-scale.md}; the figures of real runs are in docs/benchmarks.md.
 */
public final class StoreScaleBenchmark {

    private static final String TABLE = "scale_jobs";
    private static final String LABEL = "scale";
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** Claims run before each timed series: the JIT, and the driver's switch to a server-side prepared statement. */
    private static final int WARM_UP = 20;

    private final StringBuilder out = new StringBuilder();
    private final DataSource dataSource;
    private final JdbcAiJobStore store;
    private final String claimSql;

    private StoreScaleBenchmark(DataSource dataSource) throws ReflectiveOperationException {
        this.dataSource = dataSource;
        this.store = new JdbcAiJobStore(dataSource, TABLE, LABEL, true);
        this.claimSql = storeSql("claim");
    }

    public static void main(String[] args) throws Exception {
        int jobs = 1_000_000;
        int leased = 200_000;
        int samples = 200;
        int churn = 100_000;
        for (String arg : args) {
            if (arg.startsWith("--jobs=")) {
                jobs = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--leased=")) {
                leased = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--samples=")) {
                samples = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--churn=")) {
                churn = Integer.parseInt(arg.substring(8));
            }
        }
        // autovacuum looks at the tables every 5 s instead of every minute, so that part 5 can show it at work
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("autovacuum_naptime", "5s").start();
             HikariDataSource pool = pool(postgres)) {
            StoreScaleBenchmark bench = new StoreScaleBenchmark(pool);
            bench.run(jobs, leased, samples, churn);
            System.out.println();
            System.out.println(bench.out);
            Path dir = Path.of("target", "benchmarks");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("store-scale.md"), bench.out.toString(), StandardCharsets.UTF_8);
        }
    }

    private static HikariDataSource pool(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(postgres.getPostgresDatabase());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private void run(int jobs, int leased, int samples, int churn) throws Exception {
        print(String.format(Locale.ROOT, "Job store at scale: %s, %d cores (shared with other builds), Java %s, %s %s;"
                                         + " load average %s%n",
                Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"), loadAverage()));
        print(String.format(Locale.ROOT, "%s; fsync %s, synchronous_commit %s, shared_buffers %s, autovacuum_naptime %s"
                                         + " (set for this run; the default is 1min)%n%n",
                single("SELECT split_part(version(), ' on ', 1)"), single("SHOW fsync"),
                single("SHOW synchronous_commit"), single("SHOW shared_buffers"), single("SHOW autovacuum_naptime")));

        print("## 1. Load\n\n");
        long start = System.nanoTime();
        Random random = new Random(42);
        for (int added = 0; added < jobs; added += 10_000) {
            List<String> ids = new ArrayList<>(10_000);
            for (int i = 0; i < Math.min(10_000, jobs - added); i++) {
                // VOD's job ids: 32 hex digits, random, so the primary key is filled as in production
                ids.add(new UUID(random.nextLong(), random.nextLong()).toString().replace("-", ""));
            }
            store.add(ids, Instant.now());
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        print(String.format(Locale.ROOT, "%,d pending jobs of one label added with the store's add, pages of 10,000:"
                                         + " %.1f s (%,.0f jobs/s).%n%n",
                jobs, loadSeconds, jobs / loadSeconds));
        // else the autovacuum that a million inserts call for, and the checkpoint of the load, run during part 2
        vacuum();
        sizes(jobs);

        print("## 2. Claim, no job leased\n\n");
        explain("claim of 1,000, first", 1000, "force_custom_plan");
        print("| " + jobs / 1000 + "k due, none leased | p50 ms | p99 ms | max ms | n |\n|---|---:|---:|---:|---:|\n");
        claimAndRelease(1000, samples);
        claimAndRelease(100, samples);
        print("\n");
        explain("claim of 1,000, after the timed claims", 1000, "force_custom_plan");
        explain("claim of 1,000, generic plan (what a server-side prepared statement may switch to)", 1000,
                "force_generic_plan");
        planCounts();
        stats("after part 2");
        vacuum();

        print(String.format(Locale.ROOT, "## 3. Claim, %,d jobs leased by another owner%n%n", leased));
        start = System.nanoTime();
        List<ClaimedJob> elsewhere = new ArrayList<>(leased);
        while (elsewhere.size() < leased) {
            elsewhere.addAll(store.claim("elsewhere", Math.min(10_000, leased - elsewhere.size()), Duration.ofHours(2)));
        }
        int taken = elsewhere.size();
        print(String.format(Locale.ROOT, "%,d jobs claimed by owner \"elsewhere\" for 2 hours, pages of 10,000:"
                                         + " %.1f s; then CHECKPOINT (their dead rows are left to autovacuum, as in"
                                         + " production).%n%n", taken, (System.nanoTime() - start) / 1e9));
        execute("CHECKPOINT");
        explain("claim of 1,000, first after the leasing (the leased rows' old index entries not vacuumed yet)", 1000,
                "force_custom_plan");
        print("| " + jobs / 1000 + "k pending, " + leased / 1000 + "k leased elsewhere | p50 ms | p99 ms | max ms | n |\n"
              + "|---|---:|---:|---:|---:|\n");
        claimAndRelease(1000, samples);
        claimAndRelease(100, samples);
        print("\n");
        explain("claim of 1,000, after the timed claims", 1000, "force_custom_plan");
        explain("claim of 1,000, generic plan", 1000, "force_generic_plan");
        planCounts();
        stats("after part 3");

        // part 2 again: tells the leased rows' cost from what the order of the parts and the machine's load do
        print("## 3b. Claim, the leased jobs given back (part 2 again)\n\n");
        for (int from = 0; from < taken; from += 10_000) {
            check(store.release(releases(elsewhere.subList(from, Math.min(taken, from + 10_000)))), "release");
        }
        vacuum();
        print("| " + jobs / 1000 + "k due, none leased, again | p50 ms | p99 ms | max ms | n |\n"
              + "|---|---:|---:|---:|---:|\n");
        claimAndRelease(1000, samples);
        claimAndRelease(100, samples);
        print("\n");
        explain("claim of 1,000, after the timed claims", 1000, "force_custom_plan");

        print("## 4. Complete a page\n\n");
        vacuum();
        print("| page | p50 ms | p99 ms | max ms | n |\n|---|---:|---:|---:|---:|\n");
        List<ClaimedJob> warm = store.claim("bench", 100, LEASE);
        check(store.complete(warm), "complete");
        long[] completes = new long[samples];
        for (int s = 0; s < samples; s++) {
            List<ClaimedJob> page = fullPage(100);
            long t = System.nanoTime();
            check(store.complete(page), "complete");
            completes[s] = System.nanoTime() - t;
        }
        row("complete 100", completes);
        print("(complete of 1,000: part 5)\n\n");
        vacuum();

        print(String.format(Locale.ROOT, "## 5. %,d claims and completions, pages of 1,000%n%n", churn));
        Stats before = stats();
        long[] claims = new long[churn / 1000];
        long[] bigCompletes = new long[churn / 1000];
        start = System.nanoTime();
        for (int s = 0; s < claims.length; s++) {
            long t = System.nanoTime();
            List<ClaimedJob> page = fullPage(1000);
            claims[s] = System.nanoTime() - t;
            t = System.nanoTime();
            check(store.complete(page), "complete");
            bigCompletes[s] = System.nanoTime() - t;
        }
        double churnSeconds = (System.nanoTime() - start) / 1e9;
        print("| page of 1,000 while the table churns | p50 ms | p99 ms | max ms | n |\n|---|---:|---:|---:|---:|\n");
        row("claim 1,000", claims);
        row("complete 1,000", bigCompletes);
        print(String.format(Locale.ROOT, "%n%,d jobs claimed and completed in %.1f s (%,.0f jobs/s); autovacuum of %s"
                                         + " before: %d runs.%n%n",
                churn, churnSeconds, churn / churnSeconds, TABLE, before.autovacuums));
        print("| pending table | n_live_tup | n_dead_tup | dead % | autovacuum_count | last_autovacuum |"
              + " vacuum running |\n|---|---:|---:|---:|---:|---|---|\n");
        long finished = System.nanoTime();
        long[] marks = { 1, 10, 30, 60, 90 };
        for (long mark : marks) {
            Thread.sleep(Math.max(0, mark * 1000 - (System.nanoTime() - finished) / 1_000_000));
            Stats now = stats();
            print(String.format(Locale.ROOT, "| %d s after the last completion | %,d | %,d | %.1f | %d | %s | %s |%n",
                    mark, now.live, now.dead, 100.0 * now.dead / Math.max(1, now.live + now.dead), now.autovacuums,
                    now.lastAutovacuum, now.vacuumPhase));
            if (now.autovacuums > before.autovacuums && now.vacuumPhase.equals("no") && mark >= 10) {
                break;
            }
        }
        print(String.format(Locale.ROOT, "%nload average at the end: %s%n%n", loadAverage()));
        print("## Sizes at the end\n\n");
        sizes(store.size());
    }

    /** Claims a page and gives it back due at once, {@code samples} times: the table stays as it was. */
    private void claimAndRelease(int limit, int samples) {
        for (int i = 0; i < WARM_UP; i++) {
            check(store.release(releases(fullPage(limit))), "release");
        }
        long[] claims = new long[samples];
        long[] releases = new long[samples];
        for (int s = 0; s < samples; s++) {
            long t = System.nanoTime();
            List<ClaimedJob> page = fullPage(limit);
            claims[s] = System.nanoTime() - t;
            List<Release> back = releases(page);
            t = System.nanoTime();
            check(store.release(back), "release");
            releases[s] = System.nanoTime() - t;
        }
        row(String.format(Locale.ROOT, "claim %,d", limit), claims);
        row(String.format(Locale.ROOT, "release %,d", limit), releases);
    }

    private List<ClaimedJob> fullPage(int limit) {
        List<ClaimedJob> page = store.claim("bench", limit, LEASE);
        if (page.size() != limit) {
            throw new IllegalStateException("claimed " + page.size() + " jobs, not " + limit);
        }
        return page;
    }

    private static List<Release> releases(List<ClaimedJob> page) {
        return page.stream().map(job -> new Release(job, Duration.ZERO, false)).toList();
    }

    private static void check(List<ClaimedJob> refused, String what) {
        if (!refused.isEmpty()) {
            throw new IllegalStateException(what + " refused " + refused.size() + " jobs");
        }
    }

    private void row(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        print(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d |%n", what, percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length));
    }

    /** Nearest rank. */
    private static long percentile(long[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of the store's claim statement, its text taken from the store, with the parameters a
     * consumer's claim has, in a transaction rolled back (EXPLAIN ANALYZE runs the UPDATE). Prepared with the types the
     * driver sends, so that {@code plan_cache_mode} can show the custom plan and the generic one.
     */
    private void explain(String title, int limit, String planCacheMode) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("SET LOCAL plan_cache_mode = " + planCacheMode);
                statement.execute("PREPARE explained_claim (varchar, float8, int4, varchar, varchar, float8, varchar)"
                                  + " AS " + numbered(claimSql));
                try (ResultSet result = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE explained_claim('"
                        + LABEL + "', 0, " + limit + ", 'explain', 'explain-token', " + LEASE.toMillis() + ", '" + LABEL
                        + "')")) {
                    while (result.next()) {
                        plan.add(result.getString(1));
                    }
                }
            } finally {
                connection.rollback();
                statement.execute("DEALLOCATE explained_claim");
                connection.setAutoCommit(true);
            }
        }
        print("EXPLAIN (ANALYZE, BUFFERS), " + title + " (" + planCacheMode + "):\n\n```\n" + String.join("\n", plan)
              + "\n```\n\n");
    }

    /**
     * How the store's claims were planned: the driver prepares a statement on the server after a few runs, and
     * PostgreSQL may then switch it to its generic plan (parameters unknown). Read on every connection of the pool.
     */
    private void planCounts() throws SQLException {
        List<Connection> all = new ArrayList<>();
        long custom = 0;
        long generic = 0;
        try {
            for (int i = 0; i < ((HikariDataSource) dataSource).getMaximumPoolSize(); i++) {
                all.add(dataSource.getConnection());
            }
            for (Connection connection : all) {
                try (java.sql.PreparedStatement statement = connection.prepareStatement(
                        "SELECT coalesce(sum(custom_plans), 0), coalesce(sum(generic_plans), 0)"
                        + " FROM pg_prepared_statements WHERE statement = ?")) {
                    statement.setString(1, numbered(claimSql));
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        custom += result.getLong(1);
                        generic += result.getLong(2);
                    }
                }
            }
        } finally {
            for (Connection connection : all) {
                connection.close();
            }
        }
        print(String.format(Locale.ROOT, "The store's claim statement as prepared by the driver on the pool's"
                                         + " connections: %,d runs with a custom plan, %,d with the generic plan.%n%n",
                custom, generic));
    }

    /** The statement with PostgreSQL's numbered parameters in place of JDBC's question marks. */
    private static String numbered(String jdbcSql) {
        StringBuilder sql = new StringBuilder();
        boolean quoted = false;
        int n = 0;
        for (char c : jdbcSql.toCharArray()) {
            quoted ^= c == '\'';
            if (c == '?' && !quoted) {
                sql.append('$').append(++n);
            } else {
                sql.append(c);
            }
        }
        return sql.toString();
    }

    /** A statement of the store's SQL (package-private in the component: read, never changed). */
    private static String storeSql(String name) throws ReflectiveOperationException {
        Class<?> type = Class.forName("io.github.camelaliyun.vod.aijob.store.PostgresDialect");
        Constructor<?> constructor = type.getDeclaredConstructor(String.class, String.class);
        constructor.setAccessible(true);
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (String) field.get(constructor.newInstance(TABLE, "14"));
    }

    private void sizes(long pendingRows) throws SQLException {
        print("| table | rows | total | heap | indexes | total bytes per row |\n|---|---:|---:|---:|---:|---:|\n");
        for (String table : List.of(TABLE, TABLE + "_delivered", TABLE + "_seeded", TABLE + "_early")) {
            long rows = Long.parseLong(single("SELECT count(*) FROM " + table));
            long total = Long.parseLong(single("SELECT pg_total_relation_size('" + table + "')"));
            print(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s |%n", table, rows, mb(total),
                    mb(Long.parseLong(single("SELECT pg_relation_size('" + table + "')"))),
                    mb(Long.parseLong(single("SELECT pg_indexes_size('" + table + "')"))),
                    rows == 0 ? "" : String.format(Locale.ROOT, "%.0f", (double) total / rows)));
        }
        print("\n| index of " + TABLE + " | size | bytes per pending row |\n|---|---:|---:|\n");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT indexrelname, pg_relation_size(indexrelid)"
                                                       + " FROM pg_stat_user_indexes WHERE relname = '" + TABLE
                                                       + "' ORDER BY indexrelname")) {
            while (result.next()) {
                print(String.format(Locale.ROOT, "| %s | %s | %.0f |%n", result.getString(1), mb(result.getLong(2)),
                        (double) result.getLong(2) / Math.max(1, pendingRows)));
            }
        }
        long heap = Long.parseLong(single("SELECT pg_relation_size('" + TABLE + "')"));
        print(String.format(Locale.ROOT, "| (heap) | %s | %.0f |%n%n", mb(heap), (double) heap / Math.max(1, pendingRows)));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }

    private record Stats(long live, long dead, long autovacuums, String lastAutovacuum, String vacuumPhase) {
    }

    private Stats stats() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            Stats stats;
            try (ResultSet result = statement.executeQuery("SELECT n_live_tup, n_dead_tup, autovacuum_count,"
                                                           + " to_char(last_autovacuum, 'HH24:MI:SS')"
                                                           + " FROM pg_stat_user_tables WHERE relname = '" + TABLE + "'")) {
                result.next();
                stats = new Stats(result.getLong(1), result.getLong(2), result.getLong(3),
                        result.getString(4) == null ? "never" : result.getString(4) + " UTC", "no");
            }
            try (ResultSet result = statement.executeQuery("SELECT phase FROM pg_stat_progress_vacuum"
                                                           + " WHERE relid = '" + TABLE + "'::regclass")) {
                return result.next() ? new Stats(stats.live, stats.dead, stats.autovacuums, stats.lastAutovacuum,
                        result.getString(1)) : stats;
            }
        }
    }

    private void stats(String when) throws SQLException {
        Stats stats = stats();
        print(String.format(Locale.ROOT, "%s: n_live_tup %,d, n_dead_tup %,d, autovacuum_count %d, last_autovacuum %s,"
                                         + " vacuum running: %s%n%n",
                when, stats.live, stats.dead, stats.autovacuums, stats.lastAutovacuum, stats.vacuumPhase));
    }

    /**
     * So that each part starts from a table without the dead rows of the part before, and without the writes of a
     * checkpoint that the part before called for.
     */
    private void vacuum() throws SQLException {
        long start = System.nanoTime();
        execute("VACUUM ANALYZE " + TABLE);
        execute("CHECKPOINT");
        print(String.format(Locale.ROOT, "(VACUUM ANALYZE %s, CHECKPOINT: %.1f s)%n%n", TABLE,
                (System.nanoTime() - start) / 1e9));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String single(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private void print(String text) {
        out.append(text);
        System.out.print(text);
        System.out.flush();
    }
}
