package io.github.camelaliyun.vod.aijob.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where the consumers of a label keep the jobs they wait for. A job is added by the {@code track} operation (or the
 * {@code jobIds} option) and removed only after its exchange completed without error, which is what makes delivery
 * at-least-once. Implementations are thread-safe; the file store is durable; the JDBC store is shared by several
 * nodes.
 * <p>
 * Consumers work on <b>leases</b>: a poll {@link #claim claims} the jobs that are due and not leased, for a lease
 * duration; after asking the service about them it {@link #complete completes} each job whose exchange succeeded
 * (removing it) and {@link #release releases} the others with the time of their next check. While an exchange runs
 * longer than a lease, the consumer {@link #renew renews} it. A lease that expires (its node died or stalled) makes the
 * job claimable again, by any consumer; what the old owner then does with its token is refused. So two consumers, in
 * one process or on several nodes, never hold the same job at the same time. Each job also keeps its next check time
 * and its delivery count in the store, so both survive a restart (durable stores) and move between nodes.
 * <p>
 * The store holds the rest of the label's state too, so that one node, a restarted node and N nodes behave the same:
 * the {@link #submitLedger submit ledger} of each pending job (what a delivery of it submitted, until a delivery of it
 * completes), the jobs {@link #deliveredLately delivered lately} (so that a late copy of a job's event does not track
 * it again) and the {@link #rememberEarlyEvent early events} (an event for a job not tracked yet, which makes the job
 * due at once when it is tracked). Each is bounded and expires; the defaults of these methods, for a store of the
 * application's that does not hold them, keep nothing (and the protections they give are then lost).
 */
public interface AiJobStore extends AutoCloseable {

    /**
     * Checks, when a consumer or producer of the label starts, that this store can be read and written (and, for a
     * database, that its tables have the expected columns), so that a store that cannot work fails the start, with
     * what to fix, rather than every poll, or a submit after the jobs were created and billed.
     *
     * @throws IllegalStateException naming the problem and the fix
     */
    default void verify() {
        size();
    }

    /**
     * Adds the ids that are not pending yet, due at once. When this returns, the ids are stored (durably, for a
     * durable store). A store shared by several nodes may take the time from its own clock instead of
     * {@code addedAt}. An added id with a {@link #rememberEarlyEvent remembered early event} is due at once even when
     * the consumer's first check comes later (the event said it finished), and its early event is forgotten.
     *
     * @return the ids that were new, in the order given
     */
    List<String> add(Collection<String> jobIds, Instant addedAt);

    /**
     * Adds the ids of the consumer's {@code jobIds} option that this store was never seeded with, so that a job
     * delivered (and removed) is not added again each time the consumer starts. A durable store remembers the seeded
     * ids durably. This default, for a store that cannot remember them, adds the ids each time, as {@link #add} does.
     *
     * @return the ids that were added, in the order given
     */
    default List<String> seed(Collection<String> jobIds, Instant addedAt) {
        return add(jobIds, addedAt);
    }

    /**
     * Removes the ids that are pending, leased or not (a lease holder's completion is then refused), with their submit
     * ledgers; returns those that were.
     */
    List<String> remove(Collection<String> jobIds);

    /**
     * Leases up to {@code limit} jobs that are due and not leased (or whose lease expired) to {@code owner} for
     * {@code leaseDuration}, each with a new token, the jobs due longest first. A job is leased to one owner at a time.
     * A job is due when its next check time has come; a job never checked yet (and not {@link #markDue marked}) is due
     * {@code firstCheckAfter} after it was added: a job tracked a moment ago has rarely finished.
     *
     * @param owner           names the consumer, for logs and for a shared store's rows
     * @param firstCheckAfter how long after it was added a job is first due; zero: at once
     */
    List<ClaimedJob> claim(String owner, int limit, Duration leaseDuration, Duration firstCheckAfter);

    /** {@link #claim(String, int, Duration, Duration) Claims} the due jobs, a job just added being due at once. */
    default List<ClaimedJob> claim(String owner, int limit, Duration leaseDuration) {
        return claim(owner, limit, leaseDuration, Duration.ZERO);
    }

    /**
     * Leases up to {@code limit} jobs that are not leased, due or not, those never checked first (oldest first), then
     * those due soonest: a ListAIJob call asks about 10 jobs for the price of one, so a call that has room after the
     * due jobs asks about these too. This default, for a store that cannot do it, leases none.
     */
    default List<ClaimedJob> claimAhead(String owner, int limit, Duration leaseDuration) {
        return List.of();
    }

    /**
     * Removes a claimed job: its exchange succeeded (or it was given up). Its submit ledger goes with it, and it counts
     * as {@link #deliveredLately delivered lately}. Refused, returning false, when the lease
     * token no longer holds the job (another consumer claimed it after the lease expired) or the job is gone.
     */
    boolean complete(ClaimedJob job);

    /**
     * {@link #complete(ClaimedJob) Completes} claimed jobs in one go (one statement for a database), each also
     * forgetting its submit ledger and counting as {@link #deliveredLately delivered lately}.
     *
     * @return the jobs refused (lease lost, or gone), in the order given
     */
    default List<ClaimedJob> complete(Collection<ClaimedJob> jobs) {
        List<ClaimedJob> refused = new ArrayList<>();
        for (ClaimedJob job : jobs) {
            if (!complete(job)) {
                refused.add(job);
            }
        }
        return refused;
    }

    /** A claimed job to give back: see {@link AiJobStore#release(ClaimedJob, Duration, boolean)}. */
    record Release(ClaimedJob job, Duration checkAgainIn, boolean deliveryFailed) {
    }

    /**
     * {@link #release(ClaimedJob, Duration, boolean) Releases} claimed jobs in one go (one statement for a database).
     *
     * @return the jobs refused (lease lost, or gone), in the order given
     */
    default List<ClaimedJob> release(Collection<Release> releases) {
        List<ClaimedJob> refused = new ArrayList<>();
        for (Release release : releases) {
            if (!release(release.job(), release.checkAgainIn(), release.deliveryFailed())) {
                refused.add(release.job());
            }
        }
        return refused;
    }

    /**
     * Gives a claimed job back, due again after {@code checkAgainIn} (by the store's clock). With
     * {@code deliveryFailed} (its exchange failed) its delivery count goes up by one. Refused, returning false, as
     * {@link #complete} is.
     */
    boolean release(ClaimedJob job, Duration checkAgainIn, boolean deliveryFailed);

    /**
     * Makes a pending job due now, because an event said it finished: a job not leased is claimable at once; a job
     * leased now is due at once when its lease holder releases it, whatever {@code checkAgainIn} it gives (the
     * holder's check may have come before the job finished). This default, for a store that cannot do it, changes
     * nothing and returns false: events are then ignored and the job is found on its schedule.
     *
     * @return whether the job is pending in this store
     */
    default boolean markDue(String jobId) {
        return false;
    }

    /**
     * Extends the leases still held by their tokens to {@code leaseDuration} from now.
     *
     * @return the jobs whose lease was lost (claimed by another consumer, or removed): not renewed
     */
    List<ClaimedJob> renew(Collection<ClaimedJob> jobs, Duration leaseDuration);

    /**
     * Whether a {@link #complete completion} of the job was recorded lately (within the store's retention, an hour for
     * the stores of this component): a late copy of its event must not track it again. Entries come only from
     * completions, so no flood of events can push them out.
     */
    default boolean deliveredLately(String jobId) {
        return false;
    }

    /**
     * Remembers that an event said this job finished while the label did not track it: tracked soon after (a job
     * submitted in one route and tracked in another may finish first), it is due at once. Entries expire (ten minutes
     * for the stores of this component) and are bounded per label: when the bound is reached new ones are not
     * remembered (returning false), so a flood of made-up ids cannot push out those of real jobs; a job whose early
     * event was not remembered is found on its check schedule.
     *
     * @return whether it was remembered
     */
    default boolean rememberEarlyEvent(String jobId) {
        return false;
    }

    /**
     * The submit ledger of a pending job (what the deliveries of it submitted, as text the component writes), or null
     * when it has none. It goes with the job: a completion or removal of the job forgets it.
     */
    default String submitLedger(String jobId) {
        return null;
    }

    /**
     * Sets the submit ledger of a pending job (durably, for a durable store) before the submit's outcome is acted on;
     * null forgets it. Only the delivery that holds the job's lease writes it: refused when {@code leaseToken} no
     * longer names the job's lease (another consumer claimed it), so that a node that lost the job never submits on
     * its behalf after the new holder read the ledger. A null token writes whatever the lease (for tools and tests).
     *
     * @return whether it was written: false when the job is not pending or is leased under another token; this
     *         default, for a store that keeps no ledger, says true
     */
    default boolean saveSubmitLedger(String jobId, String leaseToken, String ledger) {
        return true;
    }

    /**
     * As {@link #saveSubmitLedger}, for the entry written ahead of a SubmitAIJob: also refused once the lease has
     * lapsed by the store's clock, even if no other consumer claimed the job yet. A delivery whose node paused, or
     * whose store was away, longer than the lease must not start a paid call: the consumer that claims the job next
     * would find a call of unknown outcome in the ledger and could never deliver the job. The answer of a call sent in
     * time is still recorded with {@link #saveSubmitLedger}.
     */
    default boolean saveSubmitLedgerAhead(String jobId, String leaseToken, String ledger) {
        return saveSubmitLedger(jobId, leaseToken, ledger);
    }

    /**
     * A page of pending jobs in the order they were added, leased or not: up to {@code limit} jobs whose sequence is
     * greater than {@code afterSequence} (0 for the first page; then the last sequence of the previous page). For
     * inspection; consumers {@link #claim}.
     */
    List<PendingJob> pending(long afterSequence, int limit);

    int size();

    @Override
    void close();
}
