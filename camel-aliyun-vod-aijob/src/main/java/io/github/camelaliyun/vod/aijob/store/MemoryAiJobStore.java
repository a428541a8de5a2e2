package io.github.camelaliyun.vod.aijob.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The default store: pending jobs in memory, lost when the Camel context (or the component) stops. Ordered by a
 * sequence number so that pages can be read from where the last one ended in O(log n). Leases, next check times and
 * delivery counts live next to each job, by this JVM's clock; the consumers of one label in one context share the
 * store, so they never emit the same job at the same time.
 */
public class MemoryAiJobStore implements AiJobStore {

    /** A pending job's state besides its id: when it is due, how often it failed, and who holds it until when. */
    private static final class State {
        final PendingJob job;
        long nextCheckAt;
        int deliveries;
        String leaseToken;
        long leaseUntil;
        /** Marked due while leased: its release makes it due at once. */
        boolean dueOnRelease;
        /** Just added, not checked yet and not marked due: due {@code firstCheckAfter} after it was added. */
        boolean awaitingFirstCheck;

        State(PendingJob job) {
            this.job = job;
            this.nextCheckAt = job.addedAtMillis();
        }

        boolean leasedAt(long now) {
            return leaseToken != null && leaseUntil > now;
        }

        boolean dueAt(long now, long firstCheckAfter) {
            return (awaitingFirstCheck ? job.addedAtMillis() + firstCheckAfter : nextCheckAt) <= now;
        }
    }

    private final Map<String, State> byId = new HashMap<>();
    private final TreeMap<Long, State> bySequence = new TreeMap<>();
    /** The ids {@link #seed} was given so far: not added again. */
    private final Set<String> seeded = new LinkedHashSet<>();
    private long lastSequence;
    private long lastToken;

    @Override
    public synchronized List<String> add(Collection<String> jobIds, Instant addedAt) {
        List<String> added = new ArrayList<>();
        for (String id : jobIds) {
            if (!byId.containsKey(id)) {
                insert(id, addedAt.toEpochMilli()).awaitingFirstCheck = true;
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

    /**
     * Adds one job with its original time, due at once; used when a durable store reloads: its next check times were
     * in memory, and the jobs that finished meanwhile sent their events to nobody.
     */
    synchronized void put(String jobId, long addedAtMillis) {
        insert(jobId, addedAtMillis);
    }

    private State insert(String jobId, long addedAtMillis) {
        State state = new State(new PendingJob(++lastSequence, jobId, addedAtMillis));
        State previous = byId.put(jobId, state);
        if (previous != null) {
            bySequence.remove(previous.job.sequence());
            state.deliveries = previous.deliveries;
        }
        bySequence.put(state.job.sequence(), state);
        return state;
    }

    /** Sets a job's delivery count; used when a durable store reloads. */
    synchronized void setDeliveries(String jobId, int deliveries) {
        State state = byId.get(jobId);
        if (state != null) {
            state.deliveries = deliveries;
        }
    }

    /** A pending job's delivery count (0 when it is not pending). */
    public synchronized int deliveries(String jobId) {
        State state = byId.get(jobId);
        return state == null ? 0 : state.deliveries;
    }

    @Override
    public synchronized List<String> remove(Collection<String> jobIds) {
        List<String> removed = new ArrayList<>();
        for (String id : jobIds) {
            State state = byId.remove(id);
            if (state != null) {
                bySequence.remove(state.job.sequence());
                removed.add(id);
            }
        }
        return removed;
    }

    @Override
    public synchronized List<ClaimedJob> claim(String owner, int limit, Duration leaseDuration,
            Duration firstCheckAfter) {
        long now = now();
        List<ClaimedJob> claimed = new ArrayList<>(Math.min(limit, bySequence.size()));
        for (State state : bySequence.values()) {
            if (claimed.size() >= limit) {
                break;
            }
            if (state.dueAt(now, firstCheckAfter.toMillis()) && !state.leasedAt(now)) {
                claimed.add(lease(state, owner, now, leaseDuration));
            }
        }
        return claimed;
    }

    @Override
    public synchronized List<ClaimedJob> claimAhead(String owner, int limit, Duration leaseDuration) {
        long now = now();
        // the few jobs due soonest, in one pass: a heap that drops its latest whenever it holds one too many
        Comparator<State> soonestFirst = Comparator.<State> comparingLong(state -> state.nextCheckAt)
                .thenComparingLong(state -> state.job.sequence());
        PriorityQueue<State> soonest = new PriorityQueue<>(soonestFirst.reversed());
        for (State state : bySequence.values()) {
            if (!state.leasedAt(now)) {
                soonest.add(state);
                if (soonest.size() > limit) {
                    soonest.poll();
                }
            }
        }
        List<State> chosen = new ArrayList<>(soonest);
        chosen.sort(soonestFirst);
        List<ClaimedJob> claimed = new ArrayList<>(chosen.size());
        chosen.forEach(state -> claimed.add(lease(state, owner, now, leaseDuration)));
        return claimed;
    }

    private ClaimedJob lease(State state, String owner, long now, Duration leaseDuration) {
        state.dueOnRelease = false; // this claim looks at the job now
        state.leaseToken = owner + "#" + (++lastToken);
        state.leaseUntil = now + leaseDuration.toMillis();
        return new ClaimedJob(state.job.jobId(), state.job.addedAtMillis(), state.deliveries, state.leaseToken, now);
    }

    @Override
    public synchronized boolean complete(ClaimedJob job) {
        if (held(job) == null) {
            return false;
        }
        remove(List.of(job.jobId()));
        return true;
    }

    @Override
    public synchronized boolean release(ClaimedJob job, Duration checkAgainIn, boolean deliveryFailed) {
        State state = held(job);
        if (state == null) {
            return false;
        }
        state.leaseToken = null;
        state.leaseUntil = 0;
        state.nextCheckAt = state.dueOnRelease ? now() : now() + checkAgainIn.toMillis();
        state.dueOnRelease = false;
        state.awaitingFirstCheck = false;
        if (deliveryFailed) {
            state.deliveries++;
        }
        return true;
    }

    @Override
    public synchronized boolean markDue(String jobId) {
        State state = byId.get(jobId);
        if (state == null) {
            return false;
        }
        long now = now();
        state.nextCheckAt = Math.min(state.nextCheckAt, now);
        state.awaitingFirstCheck = false;
        if (state.leaseToken != null) {
            state.dueOnRelease = true;
        }
        return true;
    }

    @Override
    public synchronized List<ClaimedJob> renew(Collection<ClaimedJob> jobs, Duration leaseDuration) {
        long until = now() + leaseDuration.toMillis();
        List<ClaimedJob> lost = new ArrayList<>();
        for (ClaimedJob job : jobs) {
            State state = held(job);
            if (state == null) {
                lost.add(job);
            } else {
                state.leaseUntil = until;
            }
        }
        return lost;
    }

    /**
     * The state of a job still held by the given lease. An expired lease that nobody claimed since still holds: the
     * job went to nobody else, so its owner may finish with it.
     */
    private State held(ClaimedJob job) {
        State state = byId.get(job.jobId());
        return state != null && job.leaseToken().equals(state.leaseToken) ? state : null;
    }

    /** This store's clock; leases and next checks are measured with it. */
    protected long now() {
        return System.currentTimeMillis();
    }

    @Override
    public synchronized List<PendingJob> pending(long afterSequence, int limit) {
        List<PendingJob> page = new ArrayList<>(Math.min(limit, bySequence.size()));
        for (State state : bySequence.tailMap(afterSequence, false).values()) {
            if (page.size() >= limit) {
                break;
            }
            page.add(state.job);
        }
        return page;
    }

    /** Every pending job, in order; for compaction. */
    synchronized List<PendingJob> all() {
        List<PendingJob> all = new ArrayList<>(bySequence.size());
        bySequence.values().forEach(state -> all.add(state.job));
        return all;
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
