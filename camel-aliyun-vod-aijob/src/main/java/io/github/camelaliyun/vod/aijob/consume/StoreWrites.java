package io.github.camelaliyun.vod.aijob.consume;

import io.github.camelaliyun.vod.aijob.VodAiJobConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.store.AiJobStore;
import io.github.camelaliyun.vod.aijob.store.ClaimedJob;

/**
 * What the route made of the jobs it was handed, written to the job store by one thread, many at a time: the outcomes
 * that came in while a write ran go together in the next one (one statement per kind), so a route that delivers
 * hundreds of jobs a second costs a few statements a second, and one that delivers one job at a time waits no longer
 * than one statement. A write that fails (the database restarting, say) is tried again shortly for the jobs whose
 * lease still holds, so a short outage does not deliver them twice; once a lease lapsed, its job goes to whichever node
 * claims it next. One WARN per failed write, with the count and the cause, not one per job.
 */
public final class StoreWrites {

    // its WARNs are the consumer's, where operators look for them
    private static final Logger LOG = LoggerFactory.getLogger(VodAiJobConsumer.class);
    private static final long RETRY_AFTER_MILLIS = 500;

    /** One job's outcome: completed (delivered, or given up after its last delivery), or failed to be redelivered. */
    private record Outcome(ClaimedJob job, boolean complete, Runnable onRecorded) {
    }

    private final AiJobStore store;
    private final HeldLeases leases;
    private final String label;
    private final Duration leaseDuration;
    private final ScheduledExecutorService executor;
    private final Queue<Outcome> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Outcomes whose write failed, tried again with the next write while their lease holds. */
    private final List<Outcome> retry = new ArrayList<>();
    /** Whether the last write failed: the retries of one outage are logged at DEBUG after its first WARN. */
    private boolean failing;

    public StoreWrites(AiJobStore store, HeldLeases leases, String label, Duration leaseDuration,
                ScheduledExecutorService executor) {
        this.store = store;
        this.leases = leases;
        this.label = label;
        this.leaseDuration = leaseDuration;
        this.executor = executor;
    }

    /** The job's exchange succeeded (or failed its last delivery): it leaves the store; then {@code onRecorded}. */
    public void complete(ClaimedJob job, Runnable onRecorded) {
        queue.add(new Outcome(job, true, onRecorded));
        schedule(0);
    }

    /** The job's exchange failed: it is due again at once, with its delivery count raised. */
    public void deliveryFailed(ClaimedJob job) {
        queue.add(new Outcome(job, false, null));
        schedule(0);
    }

    private void schedule(long delayMillis) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.schedule(() -> {
                    scheduled.set(false);
                    flush();
                }, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                scheduled.set(false); // the consumer stops: its doStop flushes on its own thread
            }
        }
    }

    /** Writes every outcome queued so far (on the caller's thread when the consumer stops). */
    public synchronized void flush() {
        List<Outcome> batch = new ArrayList<>(retry);
        retry.clear();
        for (Outcome outcome; (outcome = queue.poll()) != null;) {
            batch.add(outcome);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<ClaimedJob> completes = new ArrayList<>();
        List<AiJobStore.Release> releases = new ArrayList<>();
        for (Outcome outcome : batch) {
            if (outcome.complete()) {
                completes.add(outcome.job());
            } else {
                releases.add(new AiJobStore.Release(outcome.job(), Duration.ZERO, true));
            }
        }
        Set<ClaimedJob> refused = new HashSet<>();
        try {
            if (!completes.isEmpty()) {
                refused.addAll(store.complete(completes));
            }
            if (!releases.isEmpty()) {
                refused.addAll(store.release(releases));
            }
        } catch (RuntimeException e) {
            failed(batch, e);
            return;
        }
        if (failing) {
            failing = false;
            LOG.info("{}: the job store records the outcomes of exchanges again", label);
        }
        for (Outcome outcome : batch) {
            leases.drop(outcome.job());
            if (outcome.onRecorded() != null && !refused.contains(outcome.job())) {
                outcome.onRecorded().run();
            }
        }
        if (!refused.isEmpty()) {
            List<String> ids = refused.stream().map(ClaimedJob::jobId).limit(10).toList();
            LOG.warn("{}: the outcome of {} exchanges could not be recorded because their leases were lost meanwhile"
                     + " (the exchange outlasted leaseDuration={} ms without a renewal getting through, or the job"
                     + " was untracked): {}{}; the consumer that holds them now decides, and may deliver them once"
                     + " more", label, refused.size(), leaseDuration.toMillis(), ids,
                    refused.size() > ids.size() ? " and others" : "");
        }
    }

    /** Keeps the outcomes whose lease still holds for the next write; the others' jobs go to the next claim. */
    private void failed(List<Outcome> batch, RuntimeException cause) {
        long now = System.nanoTime();
        int lapsed = 0;
        for (Outcome outcome : batch) {
            if (leases.surelyHeld(outcome.job(), now)) {
                retry.add(outcome);
            } else {
                leases.drop(outcome.job());
                lapsed++;
            }
        }
        String text = "{}: could not record the outcome of {} exchanges in the job store ({}); {} tried"
                      + " again while their leases hold, {} whose leases lapsed may be delivered once more";
        if (failing) {
            LOG.debug(text, label, batch.size(), cause.toString(), retry.size(), lapsed);
        } else {
            LOG.warn(text, label, batch.size(), cause.toString(), retry.size(), lapsed);
        }
        failing = true;
        if (!retry.isEmpty()) {
            schedule(RETRY_AFTER_MILLIS);
        }
    }

}
