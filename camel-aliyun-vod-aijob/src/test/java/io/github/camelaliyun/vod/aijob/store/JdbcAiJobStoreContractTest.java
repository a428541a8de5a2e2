package io.github.camelaliyun.vod.aijob.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.TestDatabase;
import io.github.camelaliyun.vod.aijob.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lease contract on a real PostgreSQL, plus what only a shared table has: labels, concurrent claims, seeding. Its
 * subclass runs the same on MariaDB.
 */
class JdbcAiJobStoreContractTest extends AiJobStoreContractTest {

    private static final AtomicInteger LABELS = new AtomicInteger();

    /** The database the tests run on. */
    TestDatabase database() {
        return TestPostgres.DATABASE;
    }

    @Override
    AiJobStore openStore() {
        return new JdbcAiJobStore(database().dataSource(), "contract_jobs", "label" + LABELS.incrementAndGet(), true);
    }

    @Override
    AiJobStore openStore(StoreBounds bounds) {
        return new JdbcAiJobStore(database().dataSource(), "contract_jobs", "label" + LABELS.incrementAndGet(), true,
                Duration.ofSeconds(10), bounds);
    }

    @Test
    void labelsShareTheTableWithoutSeeingEachOthersJobs() {
        AiJobStore other = openStore();
        store.add(List.of("a", "b"), Instant.now());
        other.add(List.of("a"), Instant.now());

        assertThat(other.claim("x", 10, LONG)).extracting(ClaimedJob::jobId).containsExactly("a");
        assertThat(store.claim("x", 10, LONG)).extracting(ClaimedJob::jobId).containsExactly("a", "b");
        assertThat(store.size()).isEqualTo(2);
        assertThat(other.size()).isEqualTo(1);
    }

    @Test
    void concurrentClaimsGetDifferentJobsAndTogetherAllOfThem() throws Exception {
        List<String> ids = IntStream.range(0, 2000).mapToObj(i -> "c" + i).toList();
        store.add(ids, Instant.now());
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> claimers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String owner = "node" + t;
                claimers.add(pool.submit(() -> {
                    start.await();
                    List<ClaimedJob> page;
                    do {
                        page = store.claim(owner, 50, LONG);
                        page.forEach(job -> claimed.add(job.jobId()));
                    } while (!page.isEmpty());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> claimer : claimers) {
                claimer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(claimed).hasSize(ids.size()).doesNotHaveDuplicates();
    }

    /**
     * Three nodes claiming pages and completing each job as it comes, as fast as they can: no operation fails (on
     * InnoDB such transactions may deadlock, and the store tries them again).
     */
    @Test
    void concurrentClaimsAndCompletionsAllSucceed() throws Exception {
        List<String> ids = IntStream.range(0, 3000).mapToObj(i -> "cc" + i).toList();
        store.add(ids, Instant.now());
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                String owner = "node" + t;
                workers.add(pool.submit(() -> {
                    start.await();
                    List<ClaimedJob> page;
                    while (!(page = store.claim(owner, 100, LONG)).isEmpty()) {
                        for (ClaimedJob job : page) {
                            assertThat(store.complete(job)).isTrue();
                            completed.add(job.jobId());
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(completed).hasSize(ids.size()).doesNotHaveDuplicates();
        assertThat(store.size()).isZero();
    }

    @Test
    void seededIdsAreAddedOncePerLabelEvenAfterDelivery() {
        assertThat(store.seed(List.of("s1", "s2"), Instant.now())).containsExactly("s1", "s2");
        store.claim("one", 10, LONG).forEach(store::complete);

        assertThat(store.seed(List.of("s1", "s2", "s3"), Instant.now())).containsExactly("s3");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aBadTableNameIsRefusedBeforeAnySql() {
        assertThatThrownBy(() -> new JdbcAiJobStore(database().dataSource(), "jobs; DROP TABLE x", "l", true))
                .hasMessageContaining("Invalid jobStoreTable 'jobs; DROP TABLE x'");
    }

    @Test
    void aMissingTableThatMayNotBeCreatedFailsNamingIt() {
        AiJobStore missing = new JdbcAiJobStore(database().dataSource(), "no_such_table", "l", false);

        assertThatThrownBy(missing::size).hasMessageContaining("no_such_table").hasMessageContaining("SQLState");
    }

    /** Another transaction holds the row's lock: the store's statement gives up after its timeout, saying so. */
    @Test
    void aStatementThatWaitsOnALockFailsWithinItsTimeout() throws Exception {
        String label = "lock" + LABELS.incrementAndGet();
        AiJobStore quick = new JdbcAiJobStore(database().dataSource(), "contract_jobs", label, true,
                Duration.ofSeconds(1));
        quick.add(List.of("held"), Instant.now());
        try (Connection holder = database().dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT job_id FROM contract_jobs WHERE label = ? AND job_id = 'held' FOR UPDATE")) {
                lock.setString(1, label);
                lock.executeQuery().close();
            }
            long start = System.nanoTime();

            assertThatThrownBy(() -> quick.markDue("held"))
                    .hasMessageContaining("did not finish within its timeout of 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            holder.rollback();
        }
        assertThat(quick.markDue("held")).isTrue();
    }

    @Test
    void idsThatDifferOnlyInCaseAreTwoJobs() {
        assertThat(store.add(List.of("job-a", "JOB-A", "job-\u00e4"), Instant.now()))
                .containsExactly("job-a", "JOB-A", "job-\u00e4");

        assertThat(store.claim("x", 10, LONG)).extracting(ClaimedJob::jobId)
                .containsExactly("job-a", "JOB-A", "job-\u00e4");
    }

    @Test
    void anAddOfIdsSomeOfWhichArePendingReturnsOnlyTheNewOnesInTheirOrder() {
        store.add(List.of("b", "d"), Instant.now());

        assertThat(store.add(List.of("a", "b", "c", "d", "e"), Instant.now())).containsExactly("a", "c", "e");
        assertThat(store.size()).isEqualTo(5);
    }

    @Test
    void theDialectIsTheDatabases() {
        assertThat(((JdbcAiJobStore) store).dialect().database()).startsWith(database().name());
    }

    @Test
    void theLeaseTimesComeFromTheDatabaseClock() {
        store.add(List.of("a"), Instant.now().minus(Duration.ofDays(3))); // a node's wrong clock is ignored

        assertThat(store.claim("one", 10, LONG).get(0).age()).isLessThan(Duration.ofMinutes(1));
    }
}
