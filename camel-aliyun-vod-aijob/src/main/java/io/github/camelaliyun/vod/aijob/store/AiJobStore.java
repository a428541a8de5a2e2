package io.github.camelaliyun.vod.aijob.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where the consumer keeps the jobs it waits for. A job is added by the {@code track} operation (or the
 * {@code jobIds} option) and removed only after its exchange completed without error, which is what makes delivery
 * at-least-once. Implementations are thread-safe; the file store is durable.
 */
public interface AiJobStore extends AutoCloseable {

    /**
     * Adds the ids that are not pending yet. When this returns, the ids are stored (durably, for a durable store).
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

    /** Removes the ids that are pending; returns those that were. */
    List<String> remove(Collection<String> jobIds);

    /**
     * A page of pending jobs in the order they were added: up to {@code limit} jobs whose sequence is greater than
     * {@code afterSequence} (0 for the first page; then the last sequence of the previous page).
     */
    List<PendingJob> pending(long afterSequence, int limit);

    int size();

    @Override
    void close();
}
