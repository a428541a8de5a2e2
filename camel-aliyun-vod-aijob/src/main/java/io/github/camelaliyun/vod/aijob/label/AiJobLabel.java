package io.github.camelaliyun.vod.aijob.label;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;
import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One label of a component: the jobs its consumers wait for and everything they remember about them, all of it in the
 * label's {@link AiJobStore} (so one node, a restarted node and several nodes on one database behave the same), and its
 * figures. The operations that add jobs (track, submitAiJob with {@code track=true}, an event with
 * {@code callbackTrackUnknownJobs}, the consumer's {@code jobIds} option) all come through {@link #track}, so that they
 * make the same checks.
 */
public final class AiJobLabel {

    private static final Logger LOG = LoggerFactory.getLogger(AiJobLabel.class);

    /** What an event for a job did. */
    public enum EventOutcome {
        /** The job is pending: due now. */
        DUE,
        /** Not pending, and delivered lately: a late copy of its event. */
        DELIVERED_ALREADY,
        /** Not pending; tracked now, due at once ({@code callbackTrackUnknownJobs}). */
        TRACKED,
        /** Not pending; remembered, so that it is due at once if tracked soon. */
        REMEMBERED,
        /** Not pending, and not remembered either (the label's bound of early events is reached). */
        NOT_TRACKED
    }

    private final String name;
    private final Function<String, AiJobStore> stores;
    private final LabelStatistics statistics;
    private final AtomicBoolean untrackedEventSeen = new AtomicBoolean();
    private final AtomicBoolean unreadMemoryWarned = new AtomicBoolean();
    /** The consumers of this label in this context, woken when an event makes a job due. */
    private final Set<Runnable> wakers = new CopyOnWriteArraySet<>();

    public AiJobLabel(String name, Function<String, AiJobStore> stores, LabelStatistics statistics) {
        this.name = name;
        this.stores = stores;
        this.statistics = statistics;
    }

    public String name() {
        return name;
    }

    /** The label's store, opened on first use; from then on its backlog is part of the label's figures. */
    public AiJobStore store() {
        AiJobStore store = stores.apply(name);
        statistics.useStore(store);
        return store;
    }

    public LabelStatistics statistics() {
        return statistics;
    }

    /**
     * Adds jobs to wait for, due at once (or at the consumer's first check); an added job whose event came before is
     * due at once. Returns the ids that were new.
     */
    public List<String> track(Collection<String> jobIds) {
        AiJobStore store = store();
        List<String> added = store.add(jobIds, Instant.now());
        // an application that only submits, its consumer elsewhere, would keep paid jobs nobody delivers
        if (!added.isEmpty() && store.getClass() == MemoryAiJobStore.class && wakers.isEmpty()
            && unreadMemoryWarned.compareAndSet(false, true)) {
            LOG.warn("aivod-aijob:{} tracks jobs in this Camel context's memory, and no consumer of the label in this"
                     + " Camel context reads it: they are delivered only if a consumer of '{}' starts here before"
                     + " the context stops. If the consumer runs in another application, give both the same"
                     + " dataSource (or give this one the consumer's)", name, name);
        }
        return added;
    }

    /** Adds the ids of the consumer's {@code jobIds} option that were never seeded before (see {@link AiJobStore#seed}). */
    public List<String> seed(Collection<String> jobIds) {
        return store().seed(jobIds, Instant.now());
    }

    /**
     * An event said the job finished: makes it due, or tracks or remembers it when the label does not track it. A job
     * made due wakes the label's consumers in this context, so that it is delivered after one ListAIJob call rather
     * than at the next poll.
     */
    public EventOutcome jobFinished(String jobId, boolean trackUnknownJobs) {
        AiJobStore store = store();
        if (store.markDue(jobId)) {
            wakeConsumers();
            return EventOutcome.DUE;
        }
        if (trackUnknownJobs && store.deliveredLately(jobId)) {
            return EventOutcome.DELIVERED_ALREADY;
        }
        if (trackUnknownJobs) {
            track(List.of(jobId));
            store.markDue(jobId); // finished, says the event: not first due minCheckInterval after tracking
            wakeConsumers();
            return EventOutcome.TRACKED;
        }
        return store.rememberEarlyEvent(jobId) ? EventOutcome.REMEMBERED : EventOutcome.NOT_TRACKED;
    }

    /** A consumer of this label started: {@code wake} asks it for a poll soon (it coalesces the requests). */
    public void addConsumer(Runnable wake) {
        wakers.add(wake);
    }

    public void removeConsumer(Runnable wake) {
        wakers.remove(wake);
    }

    private void wakeConsumers() {
        wakers.forEach(Runnable::run);
    }

    /** Whether this is the first event for a job the label does not track (said once at INFO, then DEBUG). */
    public boolean firstUntrackedEvent() {
        return untrackedEventSeen.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "aivod-aijob:" + name;
    }
}
