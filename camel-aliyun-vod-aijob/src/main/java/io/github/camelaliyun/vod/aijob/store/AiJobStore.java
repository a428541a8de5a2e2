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

    /** Removes the ids that are pending; returns those that were. */
    List<String> remove(Collection<String> jobIds);

    /**
     * A page of pending jobs in the order they were added: up to {@code limit} jobs whose sequence is greater than
     * {@code afterSequence} (0 for the first page; then the last sequence of the previous page).
     */
    List<PendingJob> pending(long afterSequence, int limit);

    boolean contains(String jobId);

    int size();

    @Override
    void close();
}
