package io.github.camelaliyun.vod.aijob.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** The lease contract every store keeps; each store's test extends this with a fresh, empty store. */
abstract class AiJobStoreContractTest {

    static final Duration LONG = Duration.ofMinutes(5);

    AiJobStore store;

    abstract AiJobStore openStore() throws Exception;

    /** Another fresh, empty store with other bounds (the test closes it). */
    abstract AiJobStore openStore(StoreBounds bounds) throws Exception;

    static StoreBounds earlyEvents(Duration expiry, int perLabel) {
        return new StoreBounds(StoreBounds.DELIVERED_RETENTION, StoreBounds.DELIVERED_PER_LABEL, expiry, perLabel);
    }

    static ClaimedJob find(List<ClaimedJob> jobs, String id) {
        return jobs.stream().filter(job -> job.jobId().equals(id)).findFirst().orElseThrow();
    }

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
            store.release(find(claimed, id), Duration.ZERO, false);
            Thread.sleep(15);
        }

        assertThat(store.claim("two", 2, LONG)).extracting(ClaimedJob::jobId).containsExactly("c", "a");
        assertThat(store.claim("two", 10, LONG)).extracting(ClaimedJob::jobId).containsExactly("b");
    }

    @Test
    void aFreshStoreVerifies() {
        assertThatCode(store::verify).doesNotThrowAnyException();
    }

    @Test
    void onlyTheLeaseHolderWritesTheSubmitLedger() throws Exception {
        store.add(List.of("a"), Instant.now());
        ClaimedJob stale = store.claim("one", 10, Duration.ofMillis(50)).get(0);
        assertThat(store.saveSubmitLedger("a", stale.leaseToken(), "one's")).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !store.claim("two", 10, LONG).isEmpty());

        assertThat(store.saveSubmitLedger("a", stale.leaseToken(), "one's, late"))
                .as("the lease went to another consumer").isFalse();
        assertThat(store.submitLedger("a")).isEqualTo("one's");
        assertThat(store.saveSubmitLedger("gone", stale.leaseToken(), "x")).as("not pending").isFalse();
    }

    @Test
    void aLedgerIsWrittenAheadOfASubmitOnlyWhileTheLeaseHolds() throws Exception {
        store.add(List.of("a", "b"), Instant.now());
        List<ClaimedJob> claimed = store.claim("one", 10, Duration.ofMillis(300));
        ClaimedJob a = find(claimed, "a");
        assertThat(store.saveSubmitLedgerAhead("a", a.leaseToken(), "about to submit")).isTrue();

        Thread.sleep(600);
        // no other consumer claimed the jobs, but their leases lapsed: a call started now could outlast any claim
        assertThat(store.saveSubmitLedgerAhead("b", find(claimed, "b").leaseToken(), "about to submit"))
                .as("lapsed").isFalse();
        assertThat(store.submitLedger("b")).isNull();
        assertThat(store.saveSubmitLedger("a", a.leaseToken(), "answer of a call made in time"))
                .as("the answer of a call sent while the lease held is still recorded").isTrue();
        assertThat(store.submitLedger("a")).isEqualTo("answer of a call made in time");
        assertThat(store.saveSubmitLedgerAhead("a", null, "a tool's")).as("no token: whatever the lease").isTrue();
    }

    @Test
    void theSubmitLedgerGoesWithItsJob() {
        store.add(List.of("a", "b", "c"), Instant.now());
        String tricky = "submitted\tjob-1\njob-2 \\t\\ \u00e9\u4e2d\r\n";

        store.saveSubmitLedger("a", null, tricky);
        store.saveSubmitLedger("b", null, "b's");
        store.saveSubmitLedger("c", null, "c's");
        store.saveSubmitLedger("unknown", null, "ignored");

        assertThat(store.submitLedger("a")).isEqualTo(tricky);
        assertThat(store.submitLedger("unknown")).as("not pending: ignored").isNull();
        store.saveSubmitLedger("c", null, null);
        assertThat(store.submitLedger("c")).as("null forgets").isNull();
        store.saveSubmitLedger("b", null, "b's second");
        assertThat(store.submitLedger("b")).isEqualTo("b's second");

        assertThat(store.complete(find(store.claim("one", 10, LONG), "a"))).isTrue();
        assertThat(store.remove(List.of("b"))).containsExactly("b");
        assertThat(store.submitLedger("a")).as("completed").isNull();
        assertThat(store.submitLedger("b")).as("removed").isNull();
        store.add(List.of("a", "b"), Instant.now());
        assertThat(store.submitLedger("a")).as("tracked again: a new job as far as its ledger goes").isNull();
        assertThat(store.submitLedger("b")).isNull();
    }

    @Test
    void aCompletionIsRememberedAsDeliveredLatelyAndARemovalIsNot() {
        store.add(List.of("a", "b", "c"), Instant.now());
        List<ClaimedJob> claimed = store.claim("one", 10, LONG);

        assertThat(store.complete(List.of(find(claimed, "a")))).isEmpty();
        assertThat(store.complete(find(claimed, "c"))).isTrue();
        store.remove(List.of("b"));

        assertThat(store.deliveredLately("a")).isTrue();
        assertThat(store.deliveredLately("c")).isTrue();
        assertThat(store.deliveredLately("b")).as("removed, not delivered").isFalse();
        assertThat(store.deliveredLately("unknown")).isFalse();
    }

    @Test
    void aRefusedCompletionIsNotRememberedAsDelivered() {
        store.add(List.of("a"), Instant.now());
        ClaimedJob job = store.claim("one", 10, LONG).get(0);
        ClaimedJob forged = new ClaimedJob("a", job.addedAtMillis(), 0, "not-the-token", job.claimedAtMillis());

        assertThat(store.complete(List.of(forged))).containsExactly(forged);

        assertThat(store.deliveredLately("a")).isFalse();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aCompletionIsForgottenAfterTheRetention() throws Exception {
        try (AiJobStore shortMemory = openStore(new StoreBounds(Duration.ofMillis(300), 100,
                StoreBounds.EARLY_EVENT_EXPIRY, 100))) {
            shortMemory.add(List.of("a"), Instant.now());
            shortMemory.complete(shortMemory.claim("one", 10, LONG).get(0));
            assertThat(shortMemory.deliveredLately("a")).isTrue();

            await().atMost(Duration.ofSeconds(5)).until(() -> !shortMemory.deliveredLately("a"));
        }
    }

    @Test
    void aJobWithAnEarlyEventIsDueAtOnceWhenAddedAndTheEventIsUsedUp() {
        assertThat(store.rememberEarlyEvent("early")).isTrue();
        assertThat(store.rememberEarlyEvent("early")).as("already remembered").isTrue();

        store.add(List.of("early", "plain"), Instant.now());

        assertThat(store.claim("one", 10, LONG, LONG)).as("the first check waits, except for the early one")
                .extracting(ClaimedJob::jobId).containsExactly("early");
        store.remove(List.of("early"));
        store.add(List.of("early"), Instant.now());
        assertThat(store.claim("one", 10, LONG, LONG)).as("the event was used by the first add").isEmpty();
    }

    @Test
    void aFloodOfEarlyEventsIsRefusedOnceFullAndTheRememberedOnesStay() throws Exception {
        try (AiJobStore bounded = openStore(earlyEvents(StoreBounds.EARLY_EVENT_EXPIRY, 3))) {
            for (String id : List.of("real1", "real2", "real3")) {
                assertThat(bounded.rememberEarlyEvent(id)).isTrue();
            }
            List<Boolean> flood = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                flood.add(bounded.rememberEarlyEvent("made-up-" + i));
            }
            assertThat(flood).containsOnly(false);
            assertThat(bounded.rememberEarlyEvent("real2")).as("remembered before the flood").isTrue();

            bounded.add(List.of("real1", "real2", "real3", "made-up-7"), Instant.now());

            assertThat(bounded.claim("one", 10, LONG, LONG)).extracting(ClaimedJob::jobId)
                    .containsExactlyInAnyOrder("real1", "real2", "real3");
            assertThat(bounded.rememberEarlyEvent("later")).as("the adds made room").isTrue();
        }
    }

    @Test
    void anEarlyEventExpiresAndMakesRoom() throws Exception {
        try (AiJobStore bounded = openStore(earlyEvents(Duration.ofMillis(300), 1))) {
            assertThat(bounded.rememberEarlyEvent("old")).isTrue();
            assertThat(bounded.rememberEarlyEvent("other")).as("full").isFalse();

            await().atMost(Duration.ofSeconds(5)).until(() -> bounded.rememberEarlyEvent("new"));
            bounded.add(List.of("old", "new"), Instant.now());

            assertThat(bounded.claim("one", 10, LONG, LONG)).as("old's event expired").extracting(ClaimedJob::jobId)
                    .containsExactly("new");
        }
    }

    @Test
    void aPageIsReleasedInOneGoAndTheLostLeasesAreRefused() {
        store.add(List.of("a", "b", "c", "d"), Instant.now());
        List<ClaimedJob> claimed = store.claim("one", 10, LONG);
        ClaimedJob b = find(claimed, "b");
        ClaimedJob forgedB = new ClaimedJob("b", b.addedAtMillis(), 0, "not-the-token", b.claimedAtMillis());
        store.remove(List.of("c"));
        store.markDue("d");

        List<ClaimedJob> refused = store.release(List.of(
                new AiJobStore.Release(find(claimed, "a"), Duration.ZERO, true),
                new AiJobStore.Release(forgedB, Duration.ZERO, false),
                new AiJobStore.Release(find(claimed, "c"), Duration.ZERO, false),
                new AiJobStore.Release(find(claimed, "d"), LONG, false)));

        assertThat(refused).containsExactly(forgedB, find(claimed, "c"));
        List<ClaimedJob> again = store.claim("two", 10, LONG);
        assertThat(again).as("b is still leased; d was marked due while leased")
                .extracting(ClaimedJob::jobId).containsExactlyInAnyOrder("a", "d");
        assertThat(find(again, "a").deliveries()).isEqualTo(1);
        assertThat(find(again, "d").deliveries()).isZero();
        assertThat(store.release(List.of())).isEmpty();
    }

    @Test
    void aPageIsCompletedInOneGoAndTheLostLeasesAreRefused() {
        store.add(List.of("a", "b", "c"), Instant.now());
        List<ClaimedJob> claimed = store.claim("one", 10, LONG);
        ClaimedJob b = find(claimed, "b");
        ClaimedJob forgedB = new ClaimedJob("b", b.addedAtMillis(), 0, "not-the-token", b.claimedAtMillis());
        store.remove(List.of("c"));

        List<ClaimedJob> refused = store.complete(List.of(find(claimed, "a"), forgedB, find(claimed, "c"), b));

        assertThat(refused).containsExactly(forgedB, find(claimed, "c"));
        assertThat(store.size()).isZero();
        assertThat(store.deliveredLately("a")).isTrue();
        assertThat(store.deliveredLately("b")).isTrue();
        assertThat(store.deliveredLately("c")).isFalse();
        assertThat(store.complete(List.of())).isEmpty();
    }

    @Test
    void aJobClaimedAheadWhoseHolderStalledIsDueWhenTheLeaseEndsNotAtItsLaterCheck() {
        store.add(List.of("a"), Instant.now());
        store.release(store.claim("one", 10, LONG).get(0), LONG, false);
        ClaimedJob stalled = store.claimAhead("stalled", 10, Duration.ofMillis(200)).get(0);

        // what the stalled holder learnt is lost with it: ask again once its lease is over
        await().atMost(Duration.ofSeconds(5)).until(() -> !store.claim("other", 10, LONG).isEmpty());
        assertThat(store.release(stalled, LONG, false)).isFalse();
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
