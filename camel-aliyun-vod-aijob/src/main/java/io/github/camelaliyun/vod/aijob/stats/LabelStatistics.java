package io.github.camelaliyun.vod.aijob.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.github.camelaliyun.vod.aijob.client.CallListener;
import io.github.camelaliyun.vod.aijob.client.VodAiJobException;
import io.github.camelaliyun.vod.aijob.client.VodApi;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;
import io.github.camelaliyun.vod.aijob.store.PendingJob;

/**
 * The figures of one label, in one place: the client of each endpoint of the label counts its calls here (as its
 * {@link CallListener}), the consumer its polls and deliveries, and the dev console, JMX and Micrometer all read them
 * from here. The backlog is asked of the label's job store when read, never copied. Holds counts, times and names: no
 * job id and no credential.
 */
public final class LabelStatistics implements CallListener {

    /** The actions counted, in the order shown; an unknown one is counted too, after them. */
    public static final List<String> ACTIONS = List.of(VodApi.ACTION_LIST_AI_JOB, VodApi.ACTION_SUBMIT_AI_JOB);

    private final String label;
    private final Map<String, ActionCalls> calls = new ConcurrentHashMap<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failedDeliveries = new LongAdder();
    private final LongAdder droppedAfterMaxDeliveries = new LongAdder();
    private final LongAdder failedPolls = new LongAdder();
    private final LongAdder callbackEventsAccepted = new LongAdder();
    private final LongAdder callbackEventsIgnored = new LongAdder();
    private final LongAdder callbackEventsRefused = new LongAdder();
    private final QueueFigures queue = new QueueFigures();
    private final DeliveryLag deliveryLag = new DeliveryLag();
    /** The name of each credentials provider the label's endpoints sign with, by provider. */
    private final Map<Object, Supplier<String>> credentials = new ConcurrentHashMap<>();
    private final Map<Object, IntSupplier> claimHolders = new ConcurrentHashMap<>();
    private volatile AiJobStore store;
    private volatile LastPoll lastPoll;
    /** Jobs handed to the route by the poll in {@link #lastPoll}, counted as they go. */
    private final AtomicInteger deliveredThisPoll = new AtomicInteger();

    public LabelStatistics(String label) {
        this.label = label;
        ACTIONS.forEach(action -> calls.put(action, new ActionCalls()));
    }

    public String label() {
        return label;
    }

    // ---- fed by the client (CallListener)

    @Override
    public void attemptFailed(String action, int httpStatus, String errorCode, boolean retrying) {
        ActionCalls of = callsOf(action);
        if (retrying) {
            of.retried();
        }
        if (CallListener.isThrottling(errorCode)) {
            of.throttled();
        }
    }

    @Override
    public void callEnded(String action, int attempts, String errorCode) {
        CallOutcome outcome;
        if (errorCode == null) {
            outcome = attempts > 1 ? CallOutcome.retried : CallOutcome.ok;
        } else {
            outcome = CallListener.isThrottling(errorCode) ? CallOutcome.throttled : CallOutcome.failed;
        }
        callsOf(action).ended(outcome);
    }

    private ActionCalls callsOf(String action) {
        return calls.computeIfAbsent(action, a -> new ActionCalls());
    }

    // ---- fed by the endpoints and the consumer

    /** The label's job store, once an endpoint of the label uses it (a lookup-only label opens none). */
    public void useStore(AiJobStore store) {
        this.store = store;
    }

    /** The store was closed (the component stopped): the backlog is unknown until it is used again. */
    public void forgetStore() {
        this.store = null;
    }

    /** A consumer of the label in this Camel context, and how many jobs it holds leased right now. */
    public void countClaimsOf(Object consumer, IntSupplier claimed) {
        claimHolders.put(consumer, claimed);
    }

    /** The consumer stopped: its leases were given back or will expire. */
    public void forgetClaimsOf(Object consumer) {
        claimHolders.remove(consumer);
    }

    /** A credentials provider an endpoint of the label signs with, and how to name it (asked when shown). */
    public void useCredentials(Object provider, Supplier<String> name) {
        credentials.put(provider, name);
    }

    /**
     * A poll's ListAIJob calls came back: {@code answered} calls answered, {@code unansweredJobs} got no answer (none
     * answered: a failed poll).
     */
    public void pollAnswered(int jobsAsked, int answered, int unansweredJobs, Throwable firstFailure) {
        // each call asks about 10 jobs and only the last can hold fewer, so the failed calls are exactly this
        int errors = (unansweredJobs + VodApi.MAX_JOB_IDS_PER_CALL - 1) / VodApi.MAX_JOB_IDS_PER_CALL;
        if (answered == 0 && errors > 0) {
            failedPolls.increment();
        }
        deliveredThisPoll.set(0);
        lastPoll = new LastPoll(Instant.now(), jobsAsked, answered + errors, errors, 0, describe(firstFailure));
    }

    /** The consumer hands a job to the route. */
    public void handedOver(AiJob job) {
        deliveredThisPoll.incrementAndGet();
        if (job.getCompleteTime() != null) {
            deliveryLag.record(job.getCompleteTime(), Instant.now());
        }
    }

    /** The route completed a job: it left the store. */
    public void delivered() {
        delivered.increment();
    }

    /** The route failed on a job: it comes again (or is dropped, see {@link #droppedAfterMaxDeliveries()}). */
    public void deliveryFailed() {
        failedDeliveries.increment();
    }

    /** A job the route failed on maxDeliveries times left the store. */
    public void dropped() {
        droppedAfterMaxDeliveries.increment();
    }

    /** A VOD event was verified and made a tracked job due (or tracked it). */
    public void callbackEventAccepted() {
        callbackEventsAccepted.increment();
    }

    /** A VOD event was verified but changed nothing: another event type, or a job this label does not track. */
    public void callbackEventIgnored() {
        callbackEventsIgnored.increment();
    }

    /** A request was refused: bad or missing signature, stale timestamp, too large, or not an event. */
    public void callbackEventRefused() {
        callbackEventsRefused.increment();
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        // the code, not the message: messages name job ids, and this is shown to operators and used as a figure
        return cause instanceof VodAiJobException vod && vod.getErrorCode() != null
                ? vod.getErrorCode() : cause.getClass().getSimpleName();
    }

    // ---- read by the dev console, JMX and Micrometer

    /** The calls of one action; empty counts for an action never called. */
    public ActionCalls calls(String action) {
        return callsOf(action);
    }

    /** The actions with counts, ListAIJob and SubmitAIJob first. */
    public List<String> actions() {
        List<String> actions = new ArrayList<>(ACTIONS);
        calls.keySet().stream().filter(a -> !ACTIONS.contains(a)).sorted().forEach(actions::add);
        return actions;
    }

    /** The calls of every action that ended with {@code outcome}. */
    public long calls(CallOutcome outcome) {
        return calls.values().stream().mapToLong(c -> c.count(outcome)).sum();
    }

    public long retries() {
        return calls.values().stream().mapToLong(ActionCalls::retries).sum();
    }

    public long throttledAttempts() {
        return calls.values().stream().mapToLong(ActionCalls::throttledAttempts).sum();
    }

    /** How many jobs the label waits for, asked of its store; -1 when no endpoint of the label uses a store yet. */
    public int pendingJobs() {
        AiJobStore current = store;
        if (current == null) {
            return -1;
        }
        try {
            return current.size();
        } catch (RuntimeException e) {
            return -1; // closed meanwhile: unknown rather than a failure of whoever asks
        }
    }

    /** How many of the label's jobs the consumers of this Camel context hold leased (claimed, not yet given back). */
    public int claimedJobs() {
        return claimHolders.values().stream().mapToInt(IntSupplier::getAsInt).sum();
    }

    /** How long the oldest pending job has been waited for; {@code null} when none is pending or no store is used. */
    public Duration oldestPendingAge() {
        AiJobStore current = store;
        if (current == null) {
            return null;
        }
        try {
            List<PendingJob> first = current.pending(0, 1); // the store's order is the order jobs were added
            return first.isEmpty() ? null
                    : Duration.ofMillis(Math.max(0, System.currentTimeMillis() - first.get(0).addedAtMillis()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The last poll, with the jobs it handed to the route so far; {@code null} before the first poll. */
    public LastPoll lastPoll() {
        LastPoll poll = lastPoll;
        if (poll == null) {
            return null;
        }
        return new LastPoll(poll.time(), poll.jobsAsked(), poll.calls(), poll.errors(), deliveredThisPoll.get(),
                poll.failure());
    }

    public long failedPolls() {
        return failedPolls.sum();
    }

    /** Jobs whose route completed (they left the store). */
    public long deliveredJobs() {
        return delivered.sum();
    }

    /** Deliveries the route failed on (each failure once; the job comes again). */
    public long failedDeliveries() {
        return failedDeliveries.sum();
    }

    public long droppedAfterMaxDeliveries() {
        return droppedAfterMaxDeliveries.sum();
    }

    public long callbackEventsAccepted() {
        return callbackEventsAccepted.sum();
    }

    public long callbackEventsIgnored() {
        return callbackEventsIgnored.sum();
    }

    public long callbackEventsRefused() {
        return callbackEventsRefused.sum();
    }

    /** The figures of the label's event queue (eventQueue): receives, events by outcome, deletes, failures. */
    public QueueFigures queue() {
        return queue;
    }

    public DeliveryLag deliveryLag() {
        return deliveryLag;
    }

    /** The names of the credentials providers the label's endpoints sign with (names only, never keys). */
    public List<String> credentialsProviders() {
        return credentials.values().stream().map(Supplier::get).distinct().sorted().toList();
    }
}
