package io.github.camelaliyun.vod.aijob.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The default store: pending jobs in memory, lost when the Camel context (or the component) stops. Ordered by a
 * sequence number so that pages can be read from where the last one ended in O(log n), and by due time so that a
 * claim takes the jobs due longest first in O(log n) per job. Leases, next check times, delivery counts and submit
 * ledgers live next to each job, by this JVM's clock; the consumers of one label in one context share the store, so
 * they never emit the same job at the same time.
 * <p>
 * Growth besides the pending jobs: the jobs delivered lately are kept for {@link StoreBounds#DELIVERED_RETENTION}, at
 * most {@link StoreBounds#DELIVERED_PER_LABEL} (the oldest go first), and the early events for
 * {@link StoreBounds#EARLY_EVENT_EXPIRY}, at most {@link StoreBounds#EARLY_EVENTS_PER_LABEL} (then new ones are
 * refused); expired entries are dropped by the calls that add entries, from the oldest, so each costs O(1) amortized.
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
        String ledger;
        /** Its place in {@link #byDue}: the next check time when free, the lease end when leased. */
        long dueKey;

        State(PendingJob job) {
            this.job = job;
            this.nextCheckAt = job.addedAtMillis();
            this.dueKey = nextCheckAt;
        }

        boolean leasedAt(long now) {
            return leaseToken != null && leaseUntil > now;
        }
    }

    private static final Comparator<State> DUE_ORDER = Comparator.<State> comparingLong(state -> state.dueKey)
            .thenComparingLong(state -> state.job.sequence());

    private final StoreBounds bounds;
    private final Map<String, State> byId = new HashMap<>();
    private final TreeMap<Long, State> bySequence = new TreeMap<>();
    private final TreeSet<State> byDue = new TreeSet<>(DUE_ORDER);
    /** The ids {@link #seed} was given so far: not added again. */
    private final Set<String> seeded = new LinkedHashSet<>();
    /** Completed job id to when, oldest first. */
    private final LinkedHashMap<String, Long> delivered = new LinkedHashMap<>();
    /** Early event's job id to when it was remembered, oldest first. */
    private final LinkedHashMap<String, Long> earlyEvents = new LinkedHashMap<>();
    private long lastSequence;
    private long lastToken;

    public MemoryAiJobStore() {
        this(StoreBounds.DEFAULT);
    }

    MemoryAiJobStore(StoreBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    public synchronized List<String> add(Collection<String> jobIds, Instant addedAt) {
        List<String> added = new ArrayList<>();
        long now = now();
        for (String id : jobIds) {
            if (!byId.containsKey(id)) {
                State state = insert(id, addedAt.toEpochMilli());
                Long early = earlyEvents.remove(id);
                if (early != null && early > now - bounds.earlyEventExpiry().toMillis()) {
                    // its event came first: it finished, whatever the first check delay says
                    moveDue(state, Math.min(state.nextCheckAt, now));
                } else {
                    state.awaitingFirstCheck = true;
                }
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

    synchronized int seededCount() {
        return seeded.size();
    }

    /** The completions held, some maybe expired; for a durable store's estimate of its live records. */
    synchronized int deliveredCount() {
        return delivered.size();
    }

    /** The early events held, some maybe expired. */
    synchronized int earlyEventCount() {
        return earlyEvents.size();
    }

    synchronized boolean pending(String jobId) {
        return byId.containsKey(jobId);
    }

    /**
     * Adds one job with its original time, due at once; used when a durable store reloads: its next check times were
     * in memory, and the jobs that finished meanwhile sent their events to nobody. An early event of it was consumed
     * by its add.
     */
    synchronized void put(String jobId, long addedAtMillis) {
        insert(jobId, addedAtMillis);
        earlyEvents.remove(jobId);
    }

    private State insert(String jobId, long addedAtMillis) {
        State state = new State(new PendingJob(++lastSequence, jobId, addedAtMillis));
        State previous = byId.put(jobId, state);
        if (previous != null) {
            bySequence.remove(previous.job.sequence());
            byDue.remove(previous);
            state.deliveries = previous.deliveries;
            state.ledger = previous.ledger;
        }
        bySequence.put(state.job.sequence(), state);
        byDue.add(state);
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
                byDue.remove(state);
                removed.add(id);
            }
        }
        return removed;
    }

    @Override
    public synchronized List<ClaimedJob> claim(String owner, int limit, Duration leaseDuration,
            Duration firstCheckAfter) {
        long now = now();
        long addedBy = now - firstCheckAfter.toMillis();
        List<State> chosen = new ArrayList<>(Math.min(limit, 1024));
        // free jobs by next check, leased ones by lease end: the due range ends with the first key in the future
        for (State state : byDue) {
            if (chosen.size() >= limit || state.dueKey > now) {
                break;
            }
            if (!state.awaitingFirstCheck || state.job.addedAtMillis() <= addedBy) {
                chosen.add(state);
            }
        }
        return leaseAll(chosen, owner, now, leaseDuration);
    }

    @Override
    public synchronized List<ClaimedJob> claimAhead(String owner, int limit, Duration leaseDuration) {
        long now = now();
        // a job never checked keeps its added time as next check: those come first, then the free jobs due soonest
        List<State> chosen = new ArrayList<>(Math.min(limit, 1024));
        for (State state : byDue) {
            if (chosen.size() >= limit) {
                break;
            }
            if (!state.leasedAt(now)) {
                chosen.add(state);
            }
        }
        return leaseAll(chosen, owner, now, leaseDuration);
    }

    private List<ClaimedJob> leaseAll(List<State> chosen, String owner, long now, Duration leaseDuration) {
        List<ClaimedJob> claimed = new ArrayList<>(chosen.size());
        for (State state : chosen) {
            state.dueOnRelease = false; // this claim looks at the job now
            state.leaseToken = owner + "#" + (++lastToken);
            state.leaseUntil = now + leaseDuration.toMillis();
            moveDue(state, state.leaseUntil);
            claimed.add(new ClaimedJob(state.job.jobId(), state.job.addedAtMillis(), state.deliveries,
                    state.leaseToken, now));
        }
        return claimed;
    }

    /** Changes a job's place in the due order; its key must not change while it is in the set. */
    private void moveDue(State state, long dueKey) {
        byDue.remove(state);
        state.dueKey = dueKey;
        if (state.leaseToken == null) {
            state.nextCheckAt = dueKey;
        }
        byDue.add(state);
    }

    @Override
    public synchronized boolean complete(ClaimedJob job) {
        if (held(job) == null) {
            return false;
        }
        remove(List.of(job.jobId()));
        recordDelivered(job.jobId(), now());
        return true;
    }

    @Override
    public synchronized List<ClaimedJob> complete(Collection<ClaimedJob> jobs) {
        return AiJobStore.super.complete(jobs);
    }

    @Override
    public synchronized boolean release(ClaimedJob job, Duration checkAgainIn, boolean deliveryFailed) {
        State state = held(job);
        if (state == null) {
            return false;
        }
        long now = now();
        boolean dueNow = state.dueOnRelease;
        state.leaseToken = null;
        state.leaseUntil = 0;
        state.dueOnRelease = false;
        state.awaitingFirstCheck = false;
        moveDue(state, dueNow ? now : now + checkAgainIn.toMillis());
        if (deliveryFailed) {
            state.deliveries++;
        }
        return true;
    }

    @Override
    public synchronized List<ClaimedJob> release(Collection<Release> releases) {
        return AiJobStore.super.release(releases);
    }

    @Override
    public synchronized boolean markDue(String jobId) {
        State state = byId.get(jobId);
        if (state == null) {
            return false;
        }
        state.awaitingFirstCheck = false;
        if (state.leaseToken != null) {
            state.dueOnRelease = true;
        } else {
            moveDue(state, Math.min(state.nextCheckAt, now()));
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
                moveDue(state, until);
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

    /** Remembers a completion at {@code atMillis}; also used when a durable store reloads. */
    synchronized void recordDelivered(String jobId, long atMillis) {
        delivered.remove(jobId); // to the end: the newest
        delivered.put(jobId, atMillis);
        dropOldest(delivered, now() - bounds.deliveredRetention().toMillis(), bounds.deliveredPerLabel());
    }

    /** When the job's completion was recorded, or null. */
    synchronized Long deliveredAt(String jobId) {
        return delivered.get(jobId);
    }

    @Override
    public synchronized boolean deliveredLately(String jobId) {
        Long at = delivered.get(jobId);
        return at != null && at > now() - bounds.deliveredRetention().toMillis();
    }

    /** The completions still remembered, oldest first; for compaction. */
    synchronized Map<String, Long> deliveredEntries() {
        dropOldest(delivered, now() - bounds.deliveredRetention().toMillis(), bounds.deliveredPerLabel());
        return new LinkedHashMap<>(delivered);
    }

    @Override
    public synchronized boolean rememberEarlyEvent(String jobId) {
        return rememberEarlyEvent(jobId, now());
    }

    /** Remembers an early event of {@code atMillis}; also used when a durable store reloads. */
    synchronized boolean rememberEarlyEvent(String jobId, long atMillis) {
        long expiredBy = now() - bounds.earlyEventExpiry().toMillis();
        dropOldest(earlyEvents, expiredBy, Integer.MAX_VALUE);
        if (atMillis <= expiredBy) {
            return false;
        }
        if (earlyEvents.containsKey(jobId)) {
            return true;
        }
        if (earlyEvents.size() >= bounds.earlyEventsPerLabel()) {
            return false; // the remembered ones stay: a flood of made-up ids cannot push out those of real jobs
        }
        earlyEvents.put(jobId, atMillis);
        return true;
    }

    /** The early events still remembered, oldest first; for compaction. */
    synchronized Map<String, Long> earlyEventEntries() {
        dropOldest(earlyEvents, now() - bounds.earlyEventExpiry().toMillis(), Integer.MAX_VALUE);
        return new LinkedHashMap<>(earlyEvents);
    }

    /** Drops the entries from the oldest while they are expired or too many. */
    private static void dropOldest(LinkedHashMap<String, Long> entries, long expiredBy, int max) {
        Iterator<Long> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            long at = oldest.next();
            if (at > expiredBy && entries.size() <= max) {
                break;
            }
            oldest.remove();
        }
    }

    @Override
    public synchronized String submitLedger(String jobId) {
        State state = byId.get(jobId);
        return state == null ? null : state.ledger;
    }

    @Override
    public synchronized boolean saveSubmitLedger(String jobId, String leaseToken, String ledger) {
        return saveLedger(jobId, leaseToken, ledger, false);
    }

    @Override
    public synchronized boolean saveSubmitLedgerAhead(String jobId, String leaseToken, String ledger) {
        return saveLedger(jobId, leaseToken, ledger, true);
    }

    private boolean saveLedger(String jobId, String leaseToken, String ledger, boolean whileLeased) {
        State state = byId.get(jobId);
        if (state == null || leaseToken != null && (!leaseToken.equals(state.leaseToken)
                                                    || whileLeased && !state.leasedAt(now()))) {
            return false;
        }
        state.ledger = ledger;
        return true;
    }

    /** Nothing can fail in memory. */
    @Override
    public void verify() {
        // nothing to check
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
