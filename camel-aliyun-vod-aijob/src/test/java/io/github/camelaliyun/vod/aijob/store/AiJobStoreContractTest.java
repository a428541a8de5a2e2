package io.github.camelaliyun.vod.aijob.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lease contract every store keeps; each store's test extends this with a fresh, empty store. */
abstract class AiJobStoreContractTest {

    static final Duration LONG = Duration.ofMinutes(5);

    AiJobStore store;

    abstract AiJobStore openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aClaimedJobIsNotClaimedAgainWhileLeased() {
        store.add(List.of("a", "b", "c"), Instant.now());

        List<ClaimedJob> first = store.claim("one", 2, LONG);
        List<ClaimedJob> second = store.claim("two", 10, LONG);

        assertThat(first).extracting(ClaimedJob::jobId).containsExactly("a", "b");
        assertThat(second).extracting(ClaimedJob::jobId).containsExactly("c");
        assertThat(store.claim("three", 10, LONG)).isEmpty();
        store.release(first.get(0), Duration.ZERO, false);
        ClaimedJob again = store.claim("three", 10, LONG).get(0);
        assertThat(again.jobId()).isEqualTo("a");
        assertThat(again.leaseToken()).as("each claim is a new lease").isNotEqualTo(first.get(0).leaseToken());
        assertThat(store.complete(first.get(0))).isFalse();
    }

    @Test
    void completeRemovesTheJobAndReleaseMakesItDueAgainWithItsCount() {
        store.add(List.of("a", "b"), Instant.now());
        List<ClaimedJob> claimed = store.claim("one", 10, LONG);

        assertThat(store.complete(claimed.get(0))).isTrue();
        assertThat(store.release(claimed.get(1), Duration.ZERO, true)).isTrue();

        assertThat(store.size()).isEqualTo(1);
        List<ClaimedJob> again = store.claim("two", 10, LONG);
        assertThat(again).extracting(ClaimedJob::jobId).containsExactly("b");
        assertThat(again.get(0).deliveries()).isEqualTo(1);
        assertThat(store.release(again.get(0), Duration.ZERO, false)).isTrue();
        assertThat(store.claim("two", 10, LONG).get(0).deliveries()).as("not raised without a failed delivery")
                .isEqualTo(1);
    }

    @Test
    void claimGivesTheJobsDueLongestFirstNotInTheOrderTheyWereAdded() throws Exception {
        store.add(List.of("a", "b", "c"), Instant.now());
        List<ClaimedJob> claimed = store.claim("one", 10, LONG);
        // released one after the other, each due a moment before the next
        for (String id : List.of("c", "a", "b")) {
            store.release(claimed.stream().filter(job -> job.jobId().equals(id)).findFirst().orElseThrow(),
                    Duration.ZERO, false);
            Thread.sleep(15);
        }

        assertThat(store.claim("two", 2, LONG)).extracting(ClaimedJob::jobId).containsExactly("c", "a");
        assertThat(store.claim("two", 10, LONG)).extracting(ClaimedJob::jobId).containsExactly("b");
    }

    @Test
    void aReleasedJobIsDueOnlyAfterItsNextCheckTime() {
        store.add(List.of("a"), Instant.now());
        ClaimedJob job = store.claim("one", 10, LONG).get(0);

        store.release(job, Duration.ofMillis(400), false);

        assertThat(store.claim("one", 10, LONG)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> !store.claim("one", 10, LONG).isEmpty());
    }

    @Test
    void aJobMarkedDueIsClaimableAtOnceAndAnUnknownOneIsNot() {
        store.add(List.of("a"), Instant.now());
        store.release(store.claim("one", 10, LONG).get(0), LONG, false);
        assertThat(store.claim("one", 10, LONG)).isEmpty();

        assertThat(store.markDue("a")).isTrue();
        assertThat(store.markDue("unknown")).isFalse();

        assertThat(store.claim("one", 10, LONG)).extracting(ClaimedJob::jobId).containsExactly("a");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aNewJobIsFirstDueFirstCheckAfterItWasAddedUnlessMarkedDue() {
        store.add(List.of("a", "b"), Instant.now());

        assertThat(store.claim("one", 10, LONG, LONG)).as("added a moment ago").isEmpty();
        assertThat(store.markDue("a")).isTrue();
        assertThat(store.claim("one", 10, LONG, LONG)).extracting(ClaimedJob::jobId).containsExactly("a");
        assertThat(store.claim("one", 10, LONG, Duration.ZERO)).extracting(ClaimedJob::jobId).containsExactly("b");
    }

    @Test
    void aJobCheckedOnceIsDueOnItsScheduleWhateverTheFirstCheckDelay() {
        store.add(List.of("a"), Instant.now());
        store.release(store.claim("one", 10, LONG).get(0), Duration.ZERO, false);

        assertThat(store.claim("one", 10, LONG, LONG)).extracting(ClaimedJob::jobId).containsExactly("a");
    }

    @Test
    void claimAheadLeasesTheJobsNotLeasedNeverCheckedFirstThenDueSoonest() {
        store.add(List.of("later", "sooner", "held"), Instant.now());
        List<ClaimedJob> checked = store.claim("one", 10, LONG);
        store.release(checked.get(0), Duration.ofMinutes(20), false);
        store.release(checked.get(1), Duration.ofMinutes(10), false);
        store.add(List.of("new"), Instant.now());
        assertThat(store.claim("one", 10, LONG, LONG)).as("nothing due").isEmpty();

        List<ClaimedJob> ahead = store.claimAhead("one", 2, LONG);

        assertThat(ahead).extracting(ClaimedJob::jobId).containsExactly("new", "sooner");
        assertThat(store.claimAhead("two", 10, LONG)).as("held stays leased").extracting(ClaimedJob::jobId)
                .containsExactly("later");
        assertThat(store.claimAhead("two", 10, LONG)).as("all leased").isEmpty();
        assertThat(store.release(ahead.get(1), LONG, false)).as("an ordinary lease").isTrue();
    }

    @Test
    void aJobMarkedDueWhileLeasedIsDueAtOnceWhenReleasedWhateverItsHolderSays() {
        store.add(List.of("a", "b"), Instant.now());
        List<ClaimedJob> claimed = store.claim("one", 10, LONG);

        assertThat(store.markDue("a")).isTrue();
        assertThat(store.claim("two", 10, LONG)).as("still leased").isEmpty();
        store.release(claimed.get(0), LONG, false);
        store.release(claimed.get(1), LONG, false);

        List<ClaimedJob> again = store.claim("two", 10, LONG);
        assertThat(again).extracting(ClaimedJob::jobId).containsExactly("a");
        store.release(again.get(0), LONG, false);
        assertThat(store.claim("two", 10, LONG)).as("the mark is used up by the release").isEmpty();
    }

    @Test
    void anExpiredLeaseGoesToTheNextClaimAndTheOldOwnerIsRefused() {
        store.add(List.of("a"), Instant.now());
        ClaimedJob stalled = store.claim("stalled", 10, Duration.ofMillis(200)).get(0);

        List<ClaimedJob> taken = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (taken.isEmpty() && System.nanoTime() < deadline) {
            taken = store.claim("other", 10, LONG);
        }

        assertThat(taken).extracting(ClaimedJob::jobId).containsExactly("a");
        assertThat(store.complete(stalled)).isFalse();
        assertThat(store.release(stalled, Duration.ZERO, true)).isFalse();
        assertThat(store.renew(List.of(stalled), LONG)).containsExactly(stalled);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.complete(taken.get(0))).isTrue();
        assertThat(store.size()).isZero();
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstDuration() throws Exception {
        store.add(List.of("a"), Instant.now());
        ClaimedJob job = store.claim("one", 10, Duration.ofMillis(300)).get(0);

        for (int i = 0; i < 6; i++) {
            Thread.sleep(100);
            assertThat(store.renew(List.of(job), Duration.ofMillis(300))).isEmpty();
            assertThat(store.claim("other", 10, LONG)).isEmpty();
        }
        assertThat(store.complete(job)).isTrue();
    }

    @Test
    void aRemovedJobRefusesItsHoldersCompletion() {
        store.add(List.of("a"), Instant.now());
        ClaimedJob job = store.claim("one", 10, LONG).get(0);

        assertThat(store.remove(List.of("a"))).containsExactly("a");

        assertThat(store.complete(job)).isFalse();
    }

    @Test
    void theAgeOfAClaimedJobComesFromTheStoresClock() throws Exception {
        store.add(List.of("a"), Instant.now());
        Thread.sleep(150);

        ClaimedJob job = store.claim("one", 10, LONG).get(0);

        assertThat(job.age()).isBetween(Duration.ofMillis(100), Duration.ofSeconds(30));
    }
}
