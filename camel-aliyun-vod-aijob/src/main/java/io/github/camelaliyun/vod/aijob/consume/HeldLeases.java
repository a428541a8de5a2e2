package io.github.camelaliyun.vod.aijob.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelaliyun.vod.aijob.store.ClaimedJob;

/**
 * The leases a consumer holds, each with the latest moment, by this JVM's monotonic clock, until which it surely holds:
 * the lease duration counted from just before the claim or renewal that gave it (the store counts it from a moment
 * after that, by its own clock). A job is handed to the route only while its lease surely holds, so a node that stalled
 * (a long pause, a frozen VM, a database it could not reach to renew) does not deliver the jobs whose leases lapsed
 * meanwhile and may already be another node's: only an exchange already running when its lease lapsed can be a
 * duplicate.
 */
public final class HeldLeases {

    private record Held(ClaimedJob job, long validUntilNanos) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final long leaseNanos;
    /** Kept free before a lease ends: an exchange handed over this close to the end would start on a lapsed lease. */
    private final long marginNanos;

    public HeldLeases(Duration leaseDuration) {
        this.leaseNanos = leaseDuration.toNanos();
        this.marginNanos = leaseNanos / 10;
    }

    /** Jobs just claimed by a statement that started at {@code startedNanos}. */
    public void claimed(Collection<ClaimedJob> jobs, long startedNanos) {
        for (ClaimedJob job : jobs) {
            held.put(job.jobId(), new Held(job, startedNanos + leaseNanos));
        }
    }

    /** Leases renewed by a statement that started at {@code startedNanos} (those lost are {@link #drop dropped}). */
    public void renewed(Collection<ClaimedJob> jobs, long startedNanos) {
        for (ClaimedJob job : jobs) {
            held.computeIfPresent(job.jobId(), (id, h) -> h.job().equals(job)
                    ? new Held(job, Math.max(h.validUntilNanos(), startedNanos + leaseNanos)) : h);
        }
    }

    /** Whether this lease of the job is still held, with time to spare, now. */
    public boolean surelyHeld(ClaimedJob job, long nowNanos) {
        Held h = held.get(job.jobId());
        return h != null && h.job().equals(job) && nowNanos < h.validUntilNanos() - marginNanos;
    }

    /** The lease ended here (released, completed) or was lost; false when it was not held (any more). */
    public boolean drop(ClaimedJob job) {
        Held h = held.get(job.jobId());
        return h != null && h.job().equals(job) && held.remove(job.jobId(), h);
    }

    public List<ClaimedJob> all() {
        List<ClaimedJob> jobs = new ArrayList<>(held.size());
        held.values().forEach(h -> jobs.add(h.job()));
        return jobs;
    }

    public int size() {
        return held.size();
    }
}
