package io.github.camelaliyun.vod.aijob.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileAiJobStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void pendingJobsSurviveAReopenAndRemovedOnesStayRemoved() {
        Path file = dir.resolve("jobs.log");
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertThat(store.add(List.of("a", "b", "c"), T0)).containsExactly("a", "b", "c");
            assertThat(store.add(List.of("b", "d"), T0.plusSeconds(5))).containsExactly("d");
            assertThat(store.remove(List.of("b", "zzz"))).containsExactly("b");
        }
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertThat(store.size()).isEqualTo(3);
            assertThat(store.pending(0, 10)).extracting(PendingJob::jobId).containsExactly("a", "c", "d");
            assertThat(store.pending(0, 10).get(2).addedAt()).isEqualTo(T0.plusSeconds(5));
        }
    }

    @Test
    void seededIdsAreAddedOnceAcrossReopensAndCompaction() {
        Path file = dir.resolve("seeded.log");
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            store.add(List.of("tracked"), T0);
            assertThat(store.seed(List.of("s1", "s2", "tracked"), T0)).containsExactly("s1", "s2");
            assertThat(store.seed(List.of("s1", "s3"), T0)).containsExactly("s3");
            store.remove(List.of("s1"));
        }
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertThat(store.seed(List.of("s1", "s2", "s3"), T0)).isEmpty();
            assertThat(store.pending(0, 10)).extracting(PendingJob::jobId).containsExactly("tracked", "s2", "s3");
            // enough churn to compact the log: the seeded marks must survive it
            for (int i = 0; i < 1200; i++) {
                store.add(List.of("churn"), T0);
                store.remove(List.of("churn"));
            }
            assertThat(store.records()).isLessThan(1200);
        }
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertThat(store.seed(List.of("s1", "s2", "s3", "s4"), T0)).containsExactly("s4");
        }
    }

    @Test
    void pagesFollowTheOrderOfAdding() {
        try (AiJobStore store = new MemoryAiJobStore()) {
            store.add(IntStream.range(0, 25).mapToObj(i -> "j" + i).toList(), T0);
            List<String> seen = new ArrayList<>();
            long after = 0;
            List<PendingJob> page;
            while (!(page = store.pending(after, 10)).isEmpty()) {
                assertThat(page.size()).isLessThanOrEqualTo(10);
                page.forEach(p -> seen.add(p.jobId()));
                after = page.get(page.size() - 1).sequence();
            }
            assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> "j" + i).toList());
        }
    }

    @Test
    void tornLastRecordIsCutOffAndTheRestKept() throws IOException {
        Path file = dir.resolve("torn.log");
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            store.add(List.of("a", "b"), T0);
        }
        // the process died in the middle of writing a third record
        Files.writeString(file, "+\t1764064800000\tc", StandardOpenOption.APPEND);
        long tornSize = Files.size(file);

        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertThat(store.pending(0, 10)).extracting(PendingJob::jobId).containsExactly("a", "b");
            store.add(List.of("d"), T0);
        }
        assertThat(Files.size(file)).isLessThan(tornSize + 40);
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertThat(store.pending(0, 10)).extracting(PendingJob::jobId).containsExactly("a", "b", "d");
        }
    }

    @Test
    void damagedRecordInTheMiddleIsSkippedNotFatal() throws IOException {
        Path file = dir.resolve("damaged.log");
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            store.add(List.of("a"), T0);
            store.add(List.of("b"), T0);
            store.add(List.of("c"), T0);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("b", "x")); // the CRC no longer matches
        Files.write(file, lines, StandardCharsets.UTF_8);

        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertThat(store.pending(0, 10)).extracting(PendingJob::jobId).containsExactly("a", "c");
        }
    }

    @Test
    void compactionKeepsTheFileBounded() throws IOException {
        Path file = dir.resolve("compact.log");
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            store.add(List.of("keeper"), T0);
            for (int round = 0; round < 50; round++) {
                List<String> ids = IntStream.range(0, 100).mapToObj(i -> "r" + i).toList();
                store.add(ids, T0);
                store.remove(ids);
            }
            // 10,001 records were written; compaction keeps the file near the pending set
            assertThat(store.records()).isLessThanOrEqualTo(2048);
        }
        assertThat(Files.size(file)).isLessThan(2048L * 40);
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            assertThat(store.pending(0, 10)).extracting(PendingJob::jobId).containsExactly("keeper");
        }
    }

    @Test
    void secondOpenOfTheSameFileIsRefused() {
        Path file = dir.resolve("locked.log");
        try (FileAiJobStore first = FileAiJobStore.open(file)) {
            assertThatThrownBy(() -> FileAiJobStore.open(file)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is already open in another Camel context")
                    .hasMessageContaining("give each context its own jobStoreFile");
        }
        FileAiJobStore.open(file).close(); // released on close
    }

    @Test
    void idsThatCannotBeStoredAreRefused() {
        try (FileAiJobStore store = FileAiJobStore.open(dir.resolve("ids.log"))) {
            assertThatThrownBy(() -> store.add(List.of("a\tb"), T0)).hasMessageContaining("whitespace");
            assertThat(store.size()).isZero();
        }
    }
}
