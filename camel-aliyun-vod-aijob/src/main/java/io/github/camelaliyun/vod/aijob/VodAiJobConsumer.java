package io.github.camelaliyun.vod.aijob;

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

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodApi;
import io.github.camelaliyun.vod.aijob.client.VodAiJobException;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.AiJobStatus;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;
import io.github.camelaliyun.vod.aijob.store.PendingJob;

/**
 * Watches the pending jobs of its label's store and emits one exchange per job that reached a final state. Each poll
 * asks about every pending job in ceil(pending/10) ListAIJob calls. A job leaves the store only when its exchange
 * completed without error, so a failed route sees the job again on a later poll (at-least-once), up to
 * {@code maxDeliveries} times when that is set. A poll that fails
 * changes nothing in the store: Camel's scheduler counts the error and backs off.
 */
public class VodAiJobConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(VodAiJobConsumer.class);
    private static final int PAGE_SIZE = 1000;

    /** Jobs emitted whose exchange has not completed yet: not emitted again meanwhile. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** How often each still-pending job was emitted by this consumer. */
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
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

    @Override
    protected void doStart() throws Exception {
        client = getEndpoint().getClient();
        store = getEndpoint().getJobStore();
        calls = new CallsInFlight("aivod-aijob:" + getEndpoint().getLabel());
        getEndpoint().getComponent().endOnStop(calls);
        String jobIds = getEndpoint().getConfiguration().getJobIds();
        if (jobIds != null && !jobIds.isBlank()) {
            List<String> fromOption = JobIdsReader.read(jobIds, "jobIds option");
            // once per store: a restart must not bring back the option's jobs that were delivered meanwhile
            List<String> added = store.seed(fromOption, Instant.now());
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
        if (calls != null) {
            calls.stopAll();
            getEndpoint().getComponent().forget(calls);
        }
        super.doStop();
    }

    @Override
    protected int poll() throws Exception {
        // a poll cut short by an exception must not leave the last batch's count for the shutdown strategy to wait on
        pendingExchanges = 0;
        List<PendingJob> pending = pendingNotInFlight();
        if (pending.isEmpty()) {
            return 0;
        }
        VodAiJobConfiguration conf = getEndpoint().getConfiguration();
        List<String> ids = new ArrayList<>(pending.size());
        pending.forEach(p -> ids.add(p.jobId()));
        LookupResult result;
        try {
            result = calls.track(BatchedLookup.run(client, ids, VodApi.MAX_JOB_IDS_PER_CALL,
                    conf.getMaxConcurrentRequests(), true), "ListAIJob").get();
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (CancellationException e) {
            if (!calls.isStopped()) {
                throw e;
            }
            // stopped or suspended mid-poll: nothing changed in the store, the jobs are asked about again next time
            LOG.debug("aivod-aijob:{}: poll cancelled: {}", getEndpoint().getLabel(), e.getMessage());
            return 0;
        }
        if (!result.unansweredIds().isEmpty()) {
            if (result.unansweredIds().size() == ids.size()) {
                throw failed(result.firstFailure()); // no call went through: a failed poll, for backoff and health
            }
            // the other batches answered: deliver what they found, the rest stays pending for the next poll
            LOG.warn("aivod-aijob:{}: {} of {} pending jobs got no answer this poll and stay pending: {}",
                    getEndpoint().getLabel(), result.unansweredIds().size(), ids.size(),
                    result.firstFailure().getMessage());
        }
        Queue<Object> exchanges = toExchanges(pending, result, conf);
        logSummary(pending.size(), result, exchanges);
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
        String summary = "aivod-aijob:" + getEndpoint().getLabel() + " polled " + pending + " pending jobs in "
                         + result.requestIds().size() + " calls: " + (byStatus.isEmpty() ? "none finished"
                                 : exchanges.size() + " to deliver " + byStatus)
                         + ", " + (pending - exchanges.size()) + " still waiting";
        if (!exchanges.isEmpty() || pending != lastLoggedPending) {
            LOG.info(summary);
        } else {
            LOG.debug(summary);
        }
        lastLoggedPending = pending;
    }

    private List<PendingJob> pendingNotInFlight() {
        List<PendingJob> pending = new ArrayList<>();
        long after = 0;
        List<PendingJob> page;
        do {
            page = store.pending(after, PAGE_SIZE);
            for (PendingJob job : page) {
                if (!inFlight.contains(job.jobId())) {
                    pending.add(job);
                }
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1).sequence();
        } while (page.size() == PAGE_SIZE);
        return pending;
    }

    private Queue<Object> toExchanges(List<PendingJob> pending, LookupResult result, VodAiJobConfiguration conf) {
        Map<String, AiJob> found = new HashMap<>(result.jobs().size() * 2);
        result.jobs().forEach(job -> found.put(job.getJobId(), job));
        Set<String> missing = new HashSet<>(result.nonExistentIds());
        long now = System.currentTimeMillis();
        // the base class holds the limit (the endpoint hands the maxMessagesPerPoll option to it)
        int limit = getMaxMessagesPerPoll() > 0 ? getMaxMessagesPerPoll() : Integer.MAX_VALUE;
        List<String> dropped = new ArrayList<>();
        Queue<Object> exchanges = new ArrayDeque<>();
        for (PendingJob pendingJob : pending) {
            if (exchanges.size() >= limit) {
                break;
            }
            String id = pendingJob.jobId();
            AiJob job = found.get(id);
            boolean timedOut = conf.getJobTimeout() > 0 && now - pendingJob.addedAtMillis() > conf.getJobTimeout();
            if (job != null && job.isFinished()) {
                exchanges.add(createExchange(job, result.requestIdByJobId().get(id)));
            } else if (missing.contains(id) && conf.getNonExistentJobs() == NonExistentJobsPolicy.emit) {
                exchanges.add(createExchange(AiJob.builder(id).status(AiJobStatus.NOT_FOUND).build(), null));
            } else if (missing.contains(id) && conf.getNonExistentJobs() == NonExistentJobsPolicy.drop) {
                dropped.add(id);
            } else if (timedOut) {
                AiJob.Builder timeout = AiJob.builder(id).status(AiJobStatus.TIMED_OUT);
                if (job != null) {
                    timeout.mediaId(job.getMediaId()).type(job.getType()).creationTime(job.getCreationTime());
                }
                exchanges.add(createExchange(timeout.build(), result.requestIdByJobId().get(id)));
            }
        }
        if (!dropped.isEmpty()) {
            store.remove(dropped);
            LOG.warn("The service does not know {} watched job ids; no longer watching them (nonExistentJobs=drop): {}",
                    dropped.size(), dropped);
        }
        return exchanges;
    }

    private Exchange createExchange(AiJob job, String requestId) {
        Exchange exchange = createExchange(true);
        exchange.setProperty(DeliveryOrigin.PROPERTY, new DeliveryOrigin(getEndpoint().getLabel(), job.getJobId()));
        Message message = exchange.getMessage();
        message.setBody(job);
        message.setHeader(VodAiJobConstants.JOB_ID, job.getJobId());
        message.setHeader(VodAiJobConstants.STATUS, job.getStatus().name());
        message.setHeader(VodAiJobConstants.MEDIA_ID, job.getMediaId());
        message.setHeader(VodAiJobConstants.TYPE, job.getType());
        message.setHeader(VodAiJobConstants.REQUEST_ID, requestId);
        int delivery = deliveries.merge(job.getJobId(), 1, Integer::sum);
        message.setHeader(VodAiJobConstants.DELIVERY_COUNT, delivery);
        int maxDeliveries = getEndpoint().getConfiguration().getMaxDeliveries();
        if (maxDeliveries > 0) {
            message.setHeader(VodAiJobConstants.LAST_DELIVERY, delivery >= maxDeliveries);
        }
        inFlight.add(job.getJobId());
        return exchange;
    }

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        int total = exchanges.size();
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Exchange exchange = (Exchange) exchanges.poll();
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            pendingExchanges = total - index - 1;
            String jobId = exchange.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class);
            exchange.getExchangeExtension().addOnCompletion(new Synchronization() {
                @Override
                public void onComplete(Exchange done) {
                    store.remove(List.of(jobId));
                    deliveries.remove(jobId);
                    inFlight.remove(jobId);
                }

                @Override
                public void onFailure(Exchange failed) {
                    if (isLastDelivery(jobId)) {
                        giveUp(jobId, failed);
                    }
                    // otherwise it stays in the store: emitted again on a later poll
                    inFlight.remove(jobId);
                }
            });
            // the default callback hands a failure the route did not handle to the consumer's ExceptionHandler
            // (bridgeErrorHandler, or a WARN) and releases the exchange when exchange pooling is on
            getAsyncProcessor().process(exchange, defaultConsumerCallback(exchange, true));
        }
        // jobs left in the queue when the batch was cut short were never emitted: they stay pending
        for (Object left : exchanges) {
            String jobId = ((Exchange) left).getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class);
            inFlight.remove(jobId);
            deliveries.computeIfPresent(jobId, (id, n) -> n > 1 ? n - 1 : null);
        }
        return total;
    }

    private boolean isLastDelivery(String jobId) {
        int maxDeliveries = getEndpoint().getConfiguration().getMaxDeliveries();
        return maxDeliveries > 0 && deliveries.getOrDefault(jobId, 0) >= maxDeliveries;
    }

    /** A poison job: its route failed on every one of its maxDeliveries deliveries. */
    private void giveUp(String jobId, Exchange failed) {
        store.remove(List.of(jobId));
        int count = deliveries.getOrDefault(jobId, 0);
        deliveries.remove(jobId);
        Exception cause = failed.getException();
        LOG.error("aivod-aijob:{}: job {} failed in the route on each of its {} deliveries (maxDeliveries={});"
                  + " no longer watching it. Last failure: {}", getEndpoint().getLabel(), jobId, count,
                getEndpoint().getConfiguration().getMaxDeliveries(), cause == null ? "unknown" : cause.toString());
    }

    /** How many jobs this consumer is waiting for (its label's store). */
    public int getPendingJobCount() {
        return store == null ? 0 : store.size();
    }
}
