package io.github.camelaliyun.vod.aijob.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FileAiJobStoreContractTest extends AiJobStoreContractTest {

    private static final AtomicInteger OTHERS = new AtomicInteger();

    @TempDir
    Path dir;

    @Override
    AiJobStore openStore() {
        return FileAiJobStore.open(dir.resolve("jobs.log"));
    }

    @Override
    AiJobStore openStore(StoreBounds bounds) {
        return FileAiJobStore.open(dir.resolve("bounded-" + OTHERS.incrementAndGet() + ".log"), bounds);
    }

    @Test
    void theDeliveryCountSurvivesAReopenAndLeasesDoNot() {
        store.add(List.of("a", "b"), Instant.now());
        List<ClaimedJob> claimed = store.claim("one", 10, LONG);
        store.release(claimed.get(0), Duration.ZERO, true);
        ClaimedJob again = store.claim("one", 10, LONG).get(0);
        store.release(again, Duration.ofMinutes(5), true);
        store.close();

        store = openStore();

        List<ClaimedJob> afterRestart = store.claim("two", 10, LONG);
        assertThat(afterRestart).extracting(ClaimedJob::jobId).containsExactly("a", "b");
        assertThat(afterRestart).extracting(ClaimedJob::deliveries).containsExactly(2, 0);
    }

    @Test
    void afterAReopenEveryJobIsDueOnceEvenOneNeverChecked() {
        // the events of jobs that finished meanwhile went nowhere: the store's next check times were in memory
        store.add(List.of("never-checked"), Instant.now());
        store.close();

        store = openStore();

        assertThat(store.claim("two", 10, LONG, Duration.ofHours(1))).extracting(ClaimedJob::jobId)
                .containsExactly("never-checked");
    }
}
