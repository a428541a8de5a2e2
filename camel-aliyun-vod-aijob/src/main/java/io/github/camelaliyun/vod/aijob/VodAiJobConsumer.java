package io.github.camelaliyun.vod.aijob;

import io.github.camelaliyun.vod.aijob.calls.CallsInFlight;
import io.github.camelaliyun.vod.aijob.consume.CheckSchedule;
import io.github.camelaliyun.vod.aijob.consume.DeliveryCounting;
import io.github.camelaliyun.vod.aijob.consume.DeliveryPace;
import io.github.camelaliyun.vod.aijob.consume.HeldLeases;
import io.github.camelaliyun.vod.aijob.consume.StoreWrites;
import io.github.camelaliyun.vod.aijob.events.EventQueueOptions;
import io.github.camelaliyun.vod.aijob.events.QueueEventSource;
import io.github.camelaliyun.vod.aijob.input.JobIdsReader;
import io.github.camelaliyun.vod.aijob.lookup.BatchedLookup;
import io.github.camelaliyun.vod.aijob.lookup.LookupResult;
import io.github.camelaliyun.vod.aijob.observability.VodAiJobHealthDetails;
import io.github.camelaliyun.vod.aijob.observability.VodAiJobManagedStatistics;
import io.github.camelaliyun.vod.aijob.submit.DeliveryOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.mns.MnsException;
import io.github.camelaliyun.vod.aijob.client.VodApi;
import io.github.camelaliyun.vod.aijob.client.VodAiJobException;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.AiJobStatus;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;
import io.github.camelaliyun.vod.aijob.store.ClaimedJob;

/**
 * Watches the pending jobs of its label's store and emits one exchange per job that reached a final state. Each poll
 * claims the due jobs from the store (leased to this consumer, so no other consumer of the label, here or on another
 * node, emits them meanwhile), a page at a time, and asks about them in ceil(claimed/10) ListAIJob calls. A page is
 * what {@code maxConcurrentRequests} calls ask about in a few rounds, so that the consumers of other nodes claim the
 * next pages meanwhile; of the finished jobs a page finds, the route is handed no more than it takes within half a
 * lease at its recent pace, the others going back due at once, for whichever node claims first.
 * <p>
 * A job is handed to the route only while its lease surely holds ({@link HeldLeases}), and leaves the store only when
 * its exchange completed without error, so a failed route sees the job again on a later poll (at-least-once) with a
 * higher delivery count, kept in the store, up to {@code maxDeliveries} times when that is set. The outcomes of the
 * exchanges are written to the store many at a time ({@link StoreWrites}). A poll that fails gives its jobs back
 * unchanged: Camel's scheduler counts the error and backs off. The leases of long exchanges are renewed every third of
 * {@code leaseDuration}, on a thread of their own. A job found unfinished is given back due again on its
 * {@link CheckSchedule} (later the older it is); a job not looked at (a failed or cut-short poll) is due at once.
 * <p>
 * With {@code eventQueue}, a thread of the consumer reads VOD's events from that MNS queue ({@link QueueEventSource}):
 * each makes its job due and wakes the consumer, which polls at once.
 */
@ManagedResource(description = "Managed aivod-aijob consumer: the figures of its label")
public class VodAiJobConsumer extends ScheduledBatchPollingConsumer implements VodAiJobManagedStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(VodAiJobConsumer.class);
    /** The most jobs one claim takes, whatever maxConcurrentRequests is. */
    private static final int MAX_PAGE_SIZE = 1000;
    /** The rounds of maxConcurrentRequests calls a page is asked about in: enough to hide a claim's cost. */
    private static final int ROUNDS_PER_PAGE = 4;

    private static final String CLAIM_PROPERTY = "CamelAliyunVodAiJobClaim";

    private String owner;
    private Duration leaseDuration;
    private int pageSize;
    /** The jobs this consumer holds a lease on (claimed, not yet completed or released): renewed until then. */
    private HeldLeases leases;
    private StoreWrites writes;
    private final DeliveryPace pace = new DeliveryPace();
    /** Whether a poll asked for by an event is queued: a burst of events makes one poll. */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Runnable wake = this::wake;
    private final ReentrantLock polling = new ReentrantLock();
    private CheckSchedule schedule;
    private ScheduledExecutorService renewer;
    private ScheduledExecutorService writer;
    private volatile ExecutorService waker;
    /** Reads the label's MNS event queue (eventQueue), when it has one. */
    private volatile QueueEventSource eventSource;
    /** The finished jobs as the queue's events tell them (eventQueueTrustEvents), taken by the poll that claims them. */
    private Map<String, AiJob> trustedResults;
    private ExecutorService eventReader;
    private VodAiJobClient client;
    private AiJobStore store;
    private CallsInFlight calls;
    private int lastLoggedPending = -1;

    public VodAiJobConsumer(VodAiJobEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public VodAiJobEndpoint getEndpoint() {
        return (VodAiJobEndpoint) super.getEndpoint();
    }

    /** The figures of this consumer's label, which its JMX attributes and the dev console show. */
    @Override
    public LabelStatistics statistics() {
        return getEndpoint().statistics();
    }

    @Override
    protected void doStart() throws Exception {
        VodAiJobConfiguration conf = getEndpoint().getConfiguration();
        client = getEndpoint().getClient();
        store = getEndpoint().getJobStore();
        // a store that cannot be read or written fails the start, with what to fix, rather than every poll
        store.verify();
        calls = new CallsInFlight("aivod-aijob:" + getEndpoint().getLabel());
        getEndpoint().getComponent().endOnStop(calls);
        owner = getEndpoint().getLabel() + "/" + getEndpoint().getCamelContext().getName() + "/"
                + getEndpoint().getCamelContext().getUuidGenerator().generateUuid();
        leaseDuration = Duration.ofMillis(conf.getLeaseDuration());
        pageSize = Math.min(MAX_PAGE_SIZE, VodApi.MAX_JOB_IDS_PER_CALL * conf.getMaxConcurrentRequests()
                                           * ROUNDS_PER_PAGE);
        schedule = CheckSchedule.of(conf);
        leases = new HeldLeases(leaseDuration);
        long renewEvery = Math.max(1, leaseDuration.toMillis() / 3);
        renewer = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "AliyunVodAiJobLeases");
        renewer.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        writer = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "AliyunVodAiJobStoreWrites");
        writes = new StoreWrites(store, leases, "aivod-aijob:" + getEndpoint().getLabel(), leaseDuration, writer);
        statistics().countClaimsOf(this, leases::size);
        waker = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "AliyunVodAiJobWake");
        getEndpoint().label().addConsumer(wake);
        if (EventQueueOptions.isSet(conf.getEventQueue())) {
            trustedResults = conf.isEventQueueTrustEvents() ? new ConcurrentHashMap<>() : null;
            eventSource = new QueueEventSource(getEndpoint().label(), getEndpoint().createEventQueueClient(),
                    conf.getEventQueueBatchSize(), conf.getEventQueueWaitSeconds(), trustedResults);
            eventReader = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newSingleThreadExecutor(this, "AliyunVodAiJobEventQueue");
            eventReader.execute(eventSource);
        }
        String jobIds = conf.getJobIds();
        if (jobIds != null && !jobIds.isBlank()) {
            List<String> fromOption = JobIdsReader.read(jobIds, "jobIds option");
            // once per store: a restart must not bring back the option's jobs that were delivered meanwhile
            List<String> added = getEndpoint().label().seed(fromOption);
            LOG.debug("Watching {} job ids from the jobIds option ({} new)", fromOption.size(), added.size());
        }
        super.doStart();
    }

    /**
     * Camel suspends a polling consumer first when it stops a route or the context, then waits for the exchanges in
     * flight, counting a poll in progress as one: end the poll's calls now rather than after Camel's shutdown timeout.
     */
    @Override
    protected void doSuspend() throws Exception {
        calls.stopAll();
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        calls.reset();
        super.doResume();
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().label().removeConsumer(wake);
        if (eventSource != null) {
            eventSource.stop(); // ends the long poll in progress: a message it brought is not deleted, it comes again
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(eventReader);
            eventSource = null;
            eventReader = null;
        }
        if (waker != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(waker);
            waker = null;
        }
        if (calls != null) {
            calls.stopAll();
            getEndpoint().getComponent().forget(calls);
        }
        if (writer != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(writer);
            writer = null;
            writes.flush(); // what the route finished last is recorded before the consumer is gone
        }
        if (renewer != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(renewer);
            renewer = null;
        }
        statistics().forgetClaimsOf(this);
        super.doStop();
    }

    /**
     * An event made a job of this label due: poll now rather than after {@code delay}. The poll runs on a thread of
     * its own, after the poll in progress if there is one (polls never overlap), and the requests that come while one
     * is queued add nothing, so a burst of events makes one poll.
     */
    public void wake() {
        ExecutorService waker = this.waker;
        if (waker == null || !isRunAllowed() || isSuspended() || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            waker.execute(() -> {
                wakeQueued.set(false);
                run();
            });
        } catch (RejectedExecutionException stopping) {
            wakeQueued.set(false);
        }
    }

    @Override
    protected int poll() throws Exception {
        // a woken poll and a scheduled one never overlap, whatever the scheduler's pool size
        polling.lock();
        try {
            return pollLocked();
        } finally {
            polling.unlock();
        }
    }

    /** How many of these jobs a poll asks about: those without a result told by their queue event. */
    private int toAsk(List<ClaimedJob> jobs) {
        Map<String, AiJob> told = trustedResults;
        if (told == null || told.isEmpty()) {
            return jobs.size();
        }
        int asked = 0;
        for (ClaimedJob job : jobs) {
            asked += told.containsKey(job.jobId()) ? 0 : 1;
        }
        return asked;
    }

    /** The failure of the label's event queue while it cannot be read, else {@code null}. */
    private MnsException queueFailure() {
        QueueEventSource events = eventSource;
        return events == null ? null : events.failure();
    }

    /*
     * While the event queue cannot be read, Camel's readiness check of this consumer sees a failure (DOWN, with the
     * queue's error and details) though its polls succeed: its events no longer come, and the operator should know.
     * The polls themselves go on as they are, without a WARN each (the reader says it once), and the schedule still
     * delivers every job. A poll's own failure comes first.
     */

    @Override
    public long getErrorCounter() {
        long polls = super.getErrorCounter();
        return polls == 0 && queueFailure() != null ? 1 : polls;
    }

    @Override
    protected Throwable getLastError() {
        MnsException queue = queueFailure();
        return super.getErrorCounter() == 0 && queue != null ? queue : super.getLastError();
    }

    @Override
    protected Map<String, Object> getLastErrorDetails() {
        MnsException queue = queueFailure();
        if (super.getErrorCounter() != 0 || queue == null) {
            return super.getLastErrorDetails();
        }
        Map<String, Object> details = new HashMap<>();
        details.put(AbstractHealthCheck.SERVICE_ERROR_CODE, queue.getErrorCode());
        if (queue.getHttpStatus() > 0) {
            details.put(AbstractHealthCheck.SERVICE_STATUS_CODE, queue.getHttpStatus());
        }
        if (queue.getRequestId() != null) {
            details.put(VodAiJobHealthDetails.MNS_REQUEST_ID, queue.getRequestId());
        }
        details.put(VodAiJobHealthDetails.EVENT_QUEUE, queue.getQueue());
        return details;
    }

    private int pollLocked() throws Exception {
        // a poll cut short by an exception must not leave the last batch's count for the shutdown strategy to wait on
        pendingExchanges = 0;
        // the base class holds the limit (the endpoint hands the maxMessagesPerPoll option to it)
        int limit = getMaxMessagesPerPoll() > 0 ? getMaxMessagesPerPoll() : Integer.MAX_VALUE;
        // no more finished jobs than the route takes within half a lease: the others are for the other nodes
        limit = Math.min(limit, pace.deliverableWithin(leaseDuration));
        int emitted = 0;
        Set<String> seen = new HashSet<>();
        // the jobs not delivered are given back when the poll ends, so the claims of this poll never meet them
        List<ClaimedJob> giveBack = new ArrayList<>();
        // the jobs found unfinished: due again on their schedule
        List<ClaimedJob> checkLater = new ArrayList<>();
        try {
            // page by page, so that the consumers of other nodes claim the next pages meanwhile
            while (emitted < limit && isRunAllowed() && !calls.isStopped()) {
                long claimStarted = System.nanoTime();
                List<ClaimedJob> claimed = store.claim(owner, pageSize, leaseDuration, untilTimeout(
                        schedule.firstCheckAfter(), Duration.ZERO));
                boolean lastPage = claimed.size() < pageSize;
                List<ClaimedJob> fresh = new ArrayList<>(claimed.size());
                sortOut(claimed, claimStarted, seen, fresh, giveBack);
                if (fresh.isEmpty()) {
                    break;
                }
                // the jobs whose queue event told their result are not asked about: they leave no call to fill
                int asked = toAsk(fresh);
                int room = asked % VodApi.MAX_JOB_IDS_PER_CALL;
                if (lastPage && room > 0) {
                    // the last call asks about 10 ids for the price of 1: the jobs due next ride along
                    long aheadStarted = System.nanoTime();
                    List<ClaimedJob> ahead;
                    try {
                        ahead = store.claimAhead(owner, VodApi.MAX_JOB_IDS_PER_CALL - room, leaseDuration);
                    } catch (RuntimeException e) {
                        giveBack.addAll(fresh); // claimed, not looked at: due again at once, not held for ever
                        throw e;
                    }
                    sortOut(ahead, aheadStarted, seen, fresh, giveBack);
                }
                emitted += pollClaimed(fresh, limit - emitted, giveBack, checkLater);
                if (lastPage) {
                    break;
                }
            }
        } finally {
            // not looked at (failed or cut-short poll, beyond what this poll delivers): due at once
            release(giveBack, job -> Duration.ZERO);
            release(checkLater, job -> untilTimeout(schedule.nextCheckAfter(job.age()), job.age()));
        }
        return emitted;
    }

    /**
     * The interval, or less when the job's {@code jobTimeout} ends sooner: a job that times out is delivered as
     * TIMED_OUT when it does, not at a check a long interval later.
     */
    private Duration untilTimeout(Duration interval, Duration age) {
        long timeout = getEndpoint().getConfiguration().getJobTimeout();
        if (timeout <= 0) {
            return interval;
        }
        // just past the timeout, since a job times out when its age exceeds it
        Duration left = Duration.ofMillis(Math.max(0, timeout + 1 - age.toMillis()));
        return left.compareTo(interval) < 0 ? left : interval;
    }

    /** Holds the leases of claimed jobs: those not seen yet in this poll to ask about, the others to give back. */
    private void sortOut(List<ClaimedJob> claimed, long claimStarted, Set<String> seen, List<ClaimedJob> fresh,
            List<ClaimedJob> giveBack) {
        leases.claimed(claimed, claimStarted);
        for (ClaimedJob job : claimed) {
            // a job whose route failed earlier in this poll: for the next poll
            (seen.add(job.jobId()) ? fresh : giveBack).add(job);
        }
    }

    /**
     * Asks about claimed jobs and emits those that are done (at most {@code room}); adds those found unfinished to
     * checkLater, the others to giveBack.
     */
    private int pollClaimed(List<ClaimedJob> claimed, int room, List<ClaimedJob> giveBack, List<ClaimedJob> checkLater)
            throws Exception {
        VodAiJobConfiguration conf = getEndpoint().getConfiguration();
        // the jobs whose queue event told their result (eventQueueTrustEvents): not asked about
        Map<String, AiJob> fromEvents = new HashMap<>();
        List<String> ids = new ArrayList<>(claimed.size());
        for (ClaimedJob job : claimed) {
            AiJob told = trustedResults == null ? null : trustedResults.remove(job.jobId());
            if (told != null) {
                fromEvents.put(job.jobId(), told);
            } else {
                ids.add(job.jobId());
            }
        }
        LookupResult result;
        try {
            result = ids.isEmpty() ? LookupResult.EMPTY
                    : calls.track(BatchedLookup.run(client, ids, VodApi.MAX_JOB_IDS_PER_CALL,
                            conf.getMaxConcurrentRequests(), true), "ListAIJob").get();
        } catch (ExecutionException e) {
            giveBack.addAll(claimed);
            throw failed(e.getCause());
        } catch (CancellationException e) {
            giveBack.addAll(claimed);
            if (!calls.isStopped()) {
                throw e;
            }
            // stopped or suspended mid-poll: the jobs are due again, for this consumer or another
            LOG.debug("aivod-aijob:{}: poll cancelled: {}", getEndpoint().getLabel(), e.getMessage());
            return 0;
        } catch (InterruptedException | RuntimeException | Error e) {
            giveBack.addAll(claimed);
            throw e;
        }
        statistics().pollAnswered(ids.size(), result.requestIds().size(), result.unansweredIds().size(),
                result.firstFailure());
        if (!result.unansweredIds().isEmpty()) {
            if (result.unansweredIds().size() == ids.size() && fromEvents.isEmpty()) {
                giveBack.addAll(claimed);
                throw failed(result.firstFailure()); // no call went through: a failed poll, for backoff and health
            }
            // the other batches answered: deliver what they found, the rest stays pending for the next poll
            LOG.warn("aivod-aijob:{}: {} of {} pending jobs got no answer this poll and stay pending: {}",
                    getEndpoint().getLabel(), result.unansweredIds().size(), ids.size(),
                    result.firstFailure().getMessage());
        }
        Queue<Object> exchanges = toExchanges(claimed, result, fromEvents, conf, room, giveBack, checkLater);
        logSummary(claimed.size(), result, exchanges);
        return processBatch(exchanges);
    }

    /** The exception a failed poll throws, with the service's error code and request id for the health check. */
    private Exception failed(Throwable cause) {
        if (cause instanceof VodAiJobException) {
            VodAiJobException failure = (VodAiJobException) cause;
            addLastErrorDetail(AbstractHealthCheck.SERVICE_ERROR_CODE, failure.getErrorCode());
            if (failure.getHttpStatus() > 0) {
                addLastErrorDetail(AbstractHealthCheck.SERVICE_STATUS_CODE, failure.getHttpStatus());
            }
            addLastErrorDetail(VodAiJobHealthDetails.REQUEST_ID, String.valueOf(failure.getRequestId()));
        }
        return cause instanceof Exception ? (Exception) cause : new IllegalStateException(cause);
    }

    /** One INFO line per poll that changed something; the unchanged polls and the per-job detail go to DEBUG. */
    private void logSummary(int pending, LookupResult result, Queue<Object> exchanges) {
        Map<String, Integer> byStatus = new TreeMap<>();
        for (Object item : exchanges) {
            Message message = ((Exchange) item).getMessage();
            byStatus.merge(message.getHeader(VodAiJobConstants.STATUS, String.class), 1, Integer::sum);
            LOG.debug("Job {} ({} on {}) is {}", message.getHeader(VodAiJobConstants.JOB_ID),
                    message.getHeader(VodAiJobConstants.TYPE), message.getHeader(VodAiJobConstants.MEDIA_ID),
                    message.getHeader(VodAiJobConstants.STATUS));
        }
        String summary = "aivod-aijob:" + getEndpoint().getLabel() + " asked about " + plural(pending, "job")
                         + " in " + plural(result.requestIds().size(), "call") + ": " + (byStatus.isEmpty() ? "none finished"
                                 : exchanges.size() + " to deliver " + byStatus)
                         + ", " + (pending - exchanges.size()) + " still waiting";
        if (!exchanges.isEmpty() || pending != lastLoggedPending) {
            LOG.info(summary);
        } else {
            LOG.debug(summary);
        }
        lastLoggedPending = pending;
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private Queue<Object> toExchanges(
            List<ClaimedJob> claimed, LookupResult result, Map<String, AiJob> fromEvents, VodAiJobConfiguration conf,
            int room, List<ClaimedJob> giveBack, List<ClaimedJob> checkLater) {
        Map<String, AiJob> found = new HashMap<>((result.jobs().size() + fromEvents.size()) * 2);
        result.jobs().forEach(job -> found.put(job.getJobId(), job));
        found.putAll(fromEvents);
        Set<String> missing = new HashSet<>(result.nonExistentIds());
        Set<String> unanswered = new HashSet<>(result.unansweredIds());
        List<ClaimedJob> dropped = new ArrayList<>();
        Queue<Object> exchanges = new ArrayDeque<>();
        for (ClaimedJob claimedJob : claimed) {
            String id = claimedJob.jobId();
            AiJob job = found.get(id);
            boolean timedOut = conf.getJobTimeout() > 0 && claimedJob.age().toMillis() > conf.getJobTimeout();
            AiJob toEmit = null;
            if (job != null && job.isFinished()) {
                toEmit = job;
            } else if (missing.contains(id) && conf.getNonExistentJobs() == NonExistentJobsPolicy.emit) {
                toEmit = AiJob.builder(id).status(AiJobStatus.NOT_FOUND).build();
            } else if (missing.contains(id) && conf.getNonExistentJobs() == NonExistentJobsPolicy.drop) {
                dropped.add(claimedJob);
            } else if (timedOut) {
                AiJob.Builder timeout = AiJob.builder(id).status(AiJobStatus.TIMED_OUT);
                if (job != null) {
                    timeout.mediaId(job.getMediaId()).type(job.getType()).creationTime(job.getCreationTime());
                }
                toEmit = timeout.build();
            } else if (unanswered.contains(id)) {
                giveBack.add(claimedJob); // not looked at: due at once
            } else {
                checkLater.add(claimedJob); // still running, or unknown and kept: on its schedule
            }
            if (toEmit != null && exchanges.size() >= room) {
                giveBack.add(claimedJob); // finished, but beyond maxMessagesPerPoll: for the next poll
            } else if (toEmit != null) {
                exchanges.add(createExchange(toEmit, result.requestIdByJobId().get(id), claimedJob));
            }
        }
        if (!dropped.isEmpty()) {
            List<String> droppedIds = new ArrayList<>();
            for (ClaimedJob job : dropped) {
                leases.drop(job);
                droppedIds.add(job.jobId());
            }
            store.complete(dropped);
            LOG.warn("The service does not know {} watched job ids; no longer watching them (nonExistentJobs=drop): {}",
                    droppedIds.size(), droppedIds);
        }
        return exchanges;
    }

    /**
     * Gives jobs back to the store, not delivered, in one statement; a refused release only means the job went
     * elsewhere. One WARN for a failed release, which costs nothing but time: the leases expire by themselves.
     */
    private void release(List<ClaimedJob> jobs, Function<ClaimedJob, Duration> checkAgainIn) {
        if (jobs.isEmpty()) {
            return;
        }
        List<AiJobStore.Release> releases = new ArrayList<>(jobs.size());
        for (ClaimedJob job : jobs) {
            leases.drop(job);
            releases.add(new AiJobStore.Release(job, checkAgainIn.apply(job), false));
        }
        try {
            List<ClaimedJob> refused = store.release(releases);
            if (!refused.isEmpty()) {
                LOG.debug("aivod-aijob:{}: {} jobs were no longer leased to this consumer when released",
                        getEndpoint().getLabel(), refused.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("aivod-aijob:{}: could not give {} jobs back to the job store ({}); they are due again when"
                     + " their leases expire", getEndpoint().getLabel(), jobs.size(), e.toString());
        }
    }

    private Exchange createExchange(AiJob job, String requestId, ClaimedJob claimed) {
        Exchange exchange = createExchange(true);
        exchange.setProperty(DeliveryOrigin.PROPERTY, new DeliveryOrigin(getEndpoint().getLabel(), job.getJobId(),
                claimed.leaseToken()));
        Message message = exchange.getMessage();
        message.setBody(job);
        message.setHeader(VodAiJobConstants.JOB_ID, job.getJobId());
        message.setHeader(VodAiJobConstants.STATUS, job.getStatus().name());
        message.setHeader(VodAiJobConstants.MEDIA_ID, job.getMediaId());
        message.setHeader(VodAiJobConstants.TYPE, job.getType());
        message.setHeader(VodAiJobConstants.REQUEST_ID, requestId);
        int delivery = claimed.deliveries() + 1;
        message.setHeader(VodAiJobConstants.DELIVERY_COUNT, delivery);
        int maxDeliveries = getEndpoint().getConfiguration().getMaxDeliveries();
        if (maxDeliveries > 0) {
            message.setHeader(VodAiJobConstants.LAST_DELIVERY, delivery >= maxDeliveries);
        }
        exchange.setProperty(CLAIM_PROPERTY, claimed);
        return exchange;
    }

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        int total = exchanges.size();
        // not handed over: the batch was cut short, or the lease lapsed while the jobs before it were delivered
        List<ClaimedJob> notHanded = new ArrayList<>();
        int lapsed = 0;
        long started = System.nanoTime();
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Exchange exchange = (Exchange) exchanges.poll();
            ClaimedJob claimed = exchange.getProperty(CLAIM_PROPERTY, ClaimedJob.class);
            exchange.removeProperty(CLAIM_PROPERTY);
            pendingExchanges = total - index - 1;
            if (!leases.surelyHeld(claimed, System.nanoTime())) {
                // the job may be another node's now: delivering it would be a duplicate that nothing required
                notHanded.add(claimed);
                lapsed++;
                releaseExchange(exchange, false);
                continue;
            }
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            DeliveryCounting.handOver(exchange, statistics());
            exchange.getExchangeExtension().addOnCompletion(new Synchronization() {
                @Override
                public void onComplete(Exchange done) {
                    writes.complete(claimed, null);
                }

                @Override
                public void onFailure(Exchange failed) {
                    deliveryFailed(claimed, failed);
                }
            });
            // the default callback hands a failure the route did not handle to the consumer's ExceptionHandler
            // (bridgeErrorHandler, or a WARN) and releases the exchange when exchange pooling is on
            getAsyncProcessor().process(exchange, defaultConsumerCallback(exchange, true));
        }
        pace.took(System.nanoTime() - started, total - exchanges.size() - lapsed);
        if (lapsed > 0) {
            LOG.warn("aivod-aijob:{}: did not hand {} finished jobs to the route: their leases lapsed before their"
                     + " turn (the node paused, or the job store could not be reached to renew them for"
                     + " leaseDuration={} ms), so another consumer may hold them now", getEndpoint().getLabel(),
                    lapsed, leaseDuration.toMillis());
        }
        // jobs left in the queue when the batch was cut short were never emitted: due again at once
        for (Object item : exchanges) {
            notHanded.add(((Exchange) item).getProperty(CLAIM_PROPERTY, ClaimedJob.class));
        }
        release(notHanded, job -> Duration.ZERO);
        return total;
    }

    /** The exchange failed: the job is delivered again later with a higher count, or given up after maxDeliveries. */
    private void deliveryFailed(ClaimedJob claimed, Exchange failed) {
        int delivery = claimed.deliveries() + 1;
        int maxDeliveries = getEndpoint().getConfiguration().getMaxDeliveries();
        if (maxDeliveries > 0 && delivery >= maxDeliveries) {
            String cause = failed.getException() == null ? "unknown" : failed.getException().toString();
            writes.complete(claimed, () -> giveUp(claimed.jobId(), delivery, cause));
        } else {
            writes.deliveryFailed(claimed);
        }
    }

    /** A poison job: its route failed on every one of its maxDeliveries deliveries. */
    private void giveUp(String jobId, int count, String cause) {
        LOG.error("aivod-aijob:{}: job {} failed in the route on each of its {} deliveries (maxDeliveries={});"
                  + " no longer watching it. Last failure: {}", getEndpoint().getLabel(), jobId, count,
                getEndpoint().getConfiguration().getMaxDeliveries(), cause);
    }

    /**
     * Renews the leases of the jobs this consumer holds, so that a long exchange keeps its job; one WARN per round for
     * the leases lost or a renewal that failed.
     */
    private void renewLeases() {
        List<ClaimedJob> held = leases.all();
        if (held.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            List<ClaimedJob> lost = store.renew(held, leaseDuration);
            List<String> lostIds = new ArrayList<>();
            for (ClaimedJob job : lost) {
                if (leases.drop(job)) {
                    lostIds.add(job.jobId());
                }
            }
            held.removeAll(lost);
            leases.renewed(held, started);
            if (!lostIds.isEmpty()) {
                LOG.warn("aivod-aijob:{}: lost the leases of {} jobs (claimed by another consumer after they lapsed, or"
                         + " untracked): {}{}; those not handed to the route yet will not be, those whose exchange"
                         + " is running may be delivered by another consumer too", getEndpoint().getLabel(),
                        lostIds.size(), lostIds.subList(0, Math.min(10, lostIds.size())),
                        lostIds.size() > 10 ? " and others" : "");
            }
        } catch (RuntimeException e) {
            LOG.warn("aivod-aijob:{}: could not renew {} leases in the job store: {}", getEndpoint().getLabel(),
                    held.size(), e.toString());
        }
    }

    /** How many jobs this consumer is waiting for (its label's store). */
    public int getPendingJobCount() {
        return store == null ? 0 : store.size();
    }
}
