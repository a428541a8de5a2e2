package io.github.camelaliyun.vod.aijob.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The label's state besides the pending jobs (ledgers, deliveries, early events) survives a reopen and compaction. */
class FileAiJobStoreStateTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final String TRICKY = "line 1\tcolumn\nline 2 \\t is not a tab\\\r\n\u00e9\u4e2d\uD83D\uDE00 end\\";

    @TempDir
    Path dir;

    @Test
    void ledgersDeliveriesAndEarlyEventsSurviveReopenAndCompaction() {
        Path file = dir.resolve("state.log");
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            store.add(List.of("ledgered", "done", "forgotten"), Instant.now());
            store.saveSubmitLedger("ledgered", null, TRICKY);
            store.saveSubmitLedger("forgotten", null, "soon gone");
            store.saveSubmitLedger("forgotten", null, null);
            store.saveSubmitLedger("empty", null, ""); // not pending: ignored
            store.complete(store.claim("one", 10, LONG).stream().filter(job -> job.jobId().equals("done")).toList());
            assertThat(store.rememberEarlyEvent("early")).isTrue();
        }
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertState(store);
            // enough churn to compact the log, which must keep all of it
            for (int i = 0; i < 1200; i++) {
                store.add(List.of("churn"), Instant.now());
                store.remove(List.of("churn"));
            }
            assertThat(store.records()).as("compacted").isLessThan(2400);
            assertState(store);
        }
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertState(store);
            store.add(List.of("early"), Instant.now());
            assertThat(store.claim("one", 10, LONG, LONG)).as("due at once: its event came first")
                    .extracting(ClaimedJob::jobId).contains("early");
        }
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            store.remove(List.of("early"));
            store.add(List.of("early"), Instant.now());
            assertThat(store.claim("one", 10, LONG, LONG)).as("the event was used up by the add before the reopen")
                    .extracting(ClaimedJob::jobId).doesNotContain("early");
        }
    }

    private static void assertState(FileAiJobStore store) {
        assertThat(store.submitLedger("ledgered")).isEqualTo(TRICKY);
        assertThat(store.submitLedger("forgotten")).isNull();
        assertThat(store.submitLedger("empty")).isNull();
        assertThat(store.deliveredLately("done")).isTrue();
        assertThat(store.deliveredLately("ledgered")).isFalse();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void anEmptyLedgerIsKeptAsEmpty() {
        Path file = dir.resolve("empty.log");
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            store.add(List.of("a"), Instant.now());
            store.saveSubmitLedger("a", null, "");
        }
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertThat(store.submitLedger("a")).isEmpty();
        }
    }

    @Test
    void expiredEntriesAreNotReloadedAndCompactionDropsThem() throws InterruptedException {
        Path file = dir.resolve("expiring.log");
        StoreBounds shortLived = new StoreBounds(Duration.ofMillis(200), 100, Duration.ofMillis(200), 100);
        try (FileAiJobStore store = FileAiJobStore.open(file, shortLived)) {
            store.add(List.of("done"), Instant.now());
            store.complete(store.claim("one", 10, LONG));
            store.rememberEarlyEvent("early");
        }
        Thread.sleep(250); // past both expiries, while the file is closed
        try (FileAiJobStore store = FileAiJobStore.open(file, shortLived)) {
            assertThat(store.deliveredLately("done")).isFalse();
            store.add(List.of("early"), Instant.now());
            assertThat(store.claim("one", 10, LONG, LONG)).as("its early event expired").isEmpty();
            store.remove(List.of("early"));
            for (String id : IntStream.range(0, 1100).mapToObj(i -> "c" + i).toList()) {
                store.add(List.of(id), Instant.now());
                store.remove(List.of(id));
            }
            assertThat(store.records()).as("compacted to nothing live").isLessThan(1100);
        }
    }

    @Test
    void theDeliveredJobsAreBoundedByCountOldestOut() {
        StoreBounds few = new StoreBounds(StoreBounds.DELIVERED_RETENTION, 3, StoreBounds.EARLY_EVENT_EXPIRY, 10);
        try (FileAiJobStore store = FileAiJobStore.open(dir.resolve("few.log"), few)) {
            for (String id : List.of("d1", "d2", "d3", "d4")) {
                store.add(List.of(id), Instant.now());
                store.complete(store.claim("one", 10, LONG));
            }
            assertThat(store.deliveredLately("d1")).isFalse();
            assertThat(store.deliveredLately("d2")).isTrue();
            assertThat(store.deliveredLately("d4")).isTrue();
        }
    }
}
