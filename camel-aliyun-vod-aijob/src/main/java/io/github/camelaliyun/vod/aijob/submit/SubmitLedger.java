package io.github.camelaliyun.vod.aijob.submit;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.camel.Exchange;

import io.github.camelaliyun.vod.aijob.client.SubmitAiJobRequest;
import io.github.camelaliyun.vod.aijob.model.SubmitAiJobResult;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;

/**
 * What the submitAiJob calls made for one exchange, so that a redelivery does not pay twice: a SubmitAIJob whose
 * outcome is unknown (the jobs may exist), one that created jobs that could not be added to the job store, and one
 * that created and tracked its jobs (a redelivery gets them back). It is kept on the exchange (Camel's redelivery
 * sends the same exchange again), so a submit of the same video, types and Config twice on one exchange also gets the
 * first one's jobs.
 * <p>
 * An exchange that delivers a consumed job ({@link DeliveryOrigin}) uses the ledger of that job instead, which also
 * remembers the submits that succeeded, and which lives in the job store of the consumer's label beside the pending
 * job: the job's next delivery, a new exchange on this node or another one, after a restart too, gets their result
 * instead of submitting again. The store forgets it when a delivery of the job completes. Such a ledger is written
 * ahead: a call about to be made is recorded as of unknown outcome before it is sent, so that a node that dies during
 * the call leaves a ledger that refuses to submit again rather than one that knows nothing. Split and multicast
 * copies share the ledger, hence the synchronization.
 */
public final class SubmitLedger {

    /** The exchange property holding the ledger; internal to the component. */
    public static final String PROPERTY = "CamelAliyunVodAiJobSubmitLedger";

    /** One earlier SubmitAIJob: {@code result} is null when its outcome is unknown; {@code failure} null if none. */
    public record Entry(SubmitAiJobRequest request, SubmitAiJobResult result, Throwable failure) {

        /**
         * Whether {@code other} asks for (some of) the same jobs: the same video, Config and UserData and at least one
         * type in common. A submit of the same type with another Config is another job, not a repeat.
         */
        boolean overlaps(SubmitAiJobRequest other) {
            return request.mediaId().equals(other.mediaId()) && Objects.equals(request.config(), other.config())
                    && Objects.equals(request.userData(), other.userData())
                    && other.types().stream().anyMatch(request.types()::contains);
        }
    }

    private final List<Entry> entries;
    /** The store and job this ledger is kept for (a consumed job's), or null for an exchange's own ledger. */
    private final AiJobStore store;
    private final String jobId;
    private final String leaseToken;

    private SubmitLedger(List<Entry> entries, AiJobStore store, String jobId, String leaseToken) {
        this.entries = entries;
        this.store = store;
        this.jobId = jobId;
        this.leaseToken = leaseToken;
    }

    /**
     * The exchange's ledger: that of the consumed job it delivers (read from its label's store the first time), else
     * one of its own.
     */
    public static SubmitLedger of(Exchange exchange, VodAiJobComponent component) {
        synchronized (exchange) {
            SubmitLedger ledger = exchange.getProperty(PROPERTY, SubmitLedger.class);
            if (ledger != null) {
                return ledger;
            }
            DeliveryOrigin origin = exchange.getProperty(DeliveryOrigin.PROPERTY, DeliveryOrigin.class);
            if (origin == null) {
                ledger = new SubmitLedger(new ArrayList<>(), null, null, null);
            } else {
                AiJobStore store = component.label(origin.label()).store();
                ledger = new SubmitLedger(SubmitLedgerText.read(store.submitLedger(origin.jobId())), store,
                        origin.jobId(), origin.leaseToken());
            }
            exchange.setProperty(PROPERTY, ledger);
            return ledger;
        }
    }

    /** Whether this ledger is kept in a job store (that of a consumed job), and written ahead of each call. */
    public boolean isKeptInStore() {
        return store != null;
    }

    /** The earlier call for the same video and at least one of the same types, or null. */
    public synchronized Entry find(SubmitAiJobRequest request) {
        return entries.stream().filter(e -> e.overlaps(request)).findFirst().orElse(null);
    }

    /**
     * A call is about to be sent: a ledger kept in a store records it as of unknown outcome first, so that if this
     * node dies before the answer is recorded the next delivery does not submit again. Throws when the store cannot
     * record it: the call must then not be made.
     */
    public synchronized void aboutToSubmit(SubmitAiJobRequest request) {
        if (store == null) {
            return;
        }
        try {
            Entry ahead = new Entry(request, null, new IllegalStateException("a SubmitAIJob for this delivery was"
                                                                            + " sent, but its answer was not recorded"
                                                                            + " (the node stopped or lost its job"
                                                                            + " store meanwhile)"));
            List<Entry> next = new ArrayList<>(entries);
            next.removeIf(e -> e.overlaps(request));
            next.add(ahead);
            if (!store.saveSubmitLedgerAhead(jobId, leaseToken, SubmitLedgerText.write(next))) {
                throw new IllegalStateException("the lease of job " + jobId + " lapsed (this node paused, or its"
                                                + " job store was away, longer than leaseDuration) or went to"
                                                + " another consumer, which delivers it again");
            }
            entries.clear();
            entries.addAll(next);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Not submitting media id " + request.mediaId() + " for " + jobId
                                            + ": its submit ledger could not be written to the job store first ("
                                            + e.getMessage() + "), and without it a redelivery could not know what"
                                            + " this call created; nothing was sent", e);
        }
    }

    /** The call failed in a way that shows it created nothing: the ledger forgets it. */
    public synchronized void notSubmitted(SubmitAiJobRequest request) {
        if (entries.removeIf(e -> e.overlaps(request) && e.result() == null)) {
            save();
        }
    }

    public synchronized void outcomeUnknown(SubmitAiJobRequest request, Throwable failure) {
        replace(new Entry(request, null, failure));
    }

    public synchronized void createdNotTracked(SubmitAiJobRequest request, SubmitAiJobResult result, Throwable failure) {
        replace(new Entry(request, result, failure));
    }

    /**
     * The call for this video and types is settled: it created jobs, and they are tracked if asked. Remembered so
     * that a redelivery that runs the submit again (Camel's, of this exchange, or the consumer's next delivery of
     * the consumed job) gets these jobs instead of paying for new ones.
     */
    public synchronized void settled(SubmitAiJobRequest request, SubmitAiJobResult result) {
        entries.removeIf(e -> e.overlaps(request));
        entries.add(new Entry(request, result, null));
        if (store != null) {
            save();
        }
    }

    private void replace(Entry entry) {
        entries.removeIf(e -> e.overlaps(entry.request()));
        entries.add(entry);
        save();
    }

    /** Writes the ledger to the store; refused once the job's lease went to another consumer, which then decides. */
    private void save() {
        if (store != null && !store.saveSubmitLedger(jobId, leaseToken,
                entries.isEmpty() ? null : SubmitLedgerText.write(entries))) {
            throw new IllegalStateException("job " + jobId + " is no longer leased to this delivery (another consumer"
                                            + " claimed it after its lease lapsed, or it was untracked)");
        }
    }
}
