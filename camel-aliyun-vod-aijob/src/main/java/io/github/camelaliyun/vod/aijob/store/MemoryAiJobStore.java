package io.github.camelaliyun.vod.aijob.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The default store: pending jobs in memory, lost when the Camel context (or the component) stops. Ordered by a sequence number so that pages can
 * be read from where the last one ended in O(log n).
 */
public class MemoryAiJobStore implements AiJobStore {

    private final Map<String, PendingJob> byId = new HashMap<>();
    private final TreeMap<Long, PendingJob> bySequence = new TreeMap<>();
    /** The ids {@link #seed} was given so far: not added again. */
    private final Set<String> seeded = new LinkedHashSet<>();
    private long lastSequence;

    @Override
    public synchronized List<String> add(Collection<String> jobIds, Instant addedAt) {
        List<String> added = new ArrayList<>();
        for (String id : jobIds) {
            if (!byId.containsKey(id)) {
                put(id, addedAt.toEpochMilli());
                added.add(id);
            }
        }
        return added;
    }

    @Override
    public synchronized List<String> seed(Collection<String> jobIds, Instant addedAt) {
        return add(markSeeded(jobIds), addedAt);
    }

    /** Records ids as seeded; returns those that were not yet (for a durable store to write down). */
    synchronized List<String> markSeeded(Collection<String> jobIds) {
        List<String> fresh = new ArrayList<>();
        for (String id : jobIds) {
            if (seeded.add(id)) {
                fresh.add(id);
            }
        }
        return fresh;
    }

    /** Every id seeded so far; for compaction. */
    synchronized List<String> seededIds() {
        return new ArrayList<>(seeded);
    }

    /** Adds one job with its original time; used when a durable store reloads. */
    synchronized void put(String jobId, long addedAtMillis) {
        PendingJob job = new PendingJob(++lastSequence, jobId, addedAtMillis);
        PendingJob previous = byId.put(jobId, job);
        if (previous != null) {
            bySequence.remove(previous.sequence());
        }
        bySequence.put(job.sequence(), job);
    }

    @Override
    public synchronized List<String> remove(Collection<String> jobIds) {
        List<String> removed = new ArrayList<>();
        for (String id : jobIds) {
            PendingJob job = byId.remove(id);
            if (job != null) {
                bySequence.remove(job.sequence());
                removed.add(id);
            }
        }
        return removed;
    }

    @Override
    public synchronized List<PendingJob> pending(long afterSequence, int limit) {
        List<PendingJob> page = new ArrayList<>(Math.min(limit, bySequence.size()));
        for (PendingJob job : bySequence.tailMap(afterSequence, false).values()) {
            if (page.size() >= limit) {
                break;
            }
            page.add(job);
        }
        return page;
    }

    /** Every pending job, in order; for compaction. */
    synchronized List<PendingJob> all() {
        return new ArrayList<>(bySequence.values());
    }

    @Override
    public synchronized int size() {
        return byId.size();
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "MemoryAiJobStore[pending=" + size() + "]";
    }
}
