package io.github.camelaliyun.vod.aijob.store;

import java.time.Duration;
import java.time.Instant;
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
 */
public interface AiJobStore extends AutoCloseable {

    /**
     * Adds the ids that are not pending yet, due at once. When this returns, the ids are stored (durably, for a
     * durable store). A store shared by several nodes may take the time from its own clock instead of
     * {@code addedAt}.
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

    /** Removes the ids that are pending, leased or not (a lease holder's completion is then refused); returns those that were. */
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
     * Removes a claimed job: its exchange succeeded (or it was given up). Refused, returning false, when the lease
     * token no longer holds the job (another consumer claimed it after the lease expired) or the job is gone.
     */
    boolean complete(ClaimedJob job);

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
     * A page of pending jobs in the order they were added, leased or not: up to {@code limit} jobs whose sequence is
     * greater than {@code afterSequence} (0 for the first page; then the last sequence of the previous page). For
     * inspection; consumers {@link #claim}.
     */
    List<PendingJob> pending(long afterSequence, int limit);

    int size();

    @Override
    void close();
}
