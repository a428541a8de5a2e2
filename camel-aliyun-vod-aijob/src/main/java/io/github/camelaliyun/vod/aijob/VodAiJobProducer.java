package io.github.camelaliyun.vod.aijob;

import io.github.camelaliyun.vod.aijob.calls.AsyncFailures;
import io.github.camelaliyun.vod.aijob.calls.CallsInFlight;
import io.github.camelaliyun.vod.aijob.events.MessageCallbackSettings;
import io.github.camelaliyun.vod.aijob.events.VodEventReceiver;
import io.github.camelaliyun.vod.aijob.input.InputHeaders;
import io.github.camelaliyun.vod.aijob.input.JobIdsReader;
import io.github.camelaliyun.vod.aijob.input.MessageInput;
import io.github.camelaliyun.vod.aijob.lookup.BatchedLookup;
import io.github.camelaliyun.vod.aijob.lookup.LookupResult;
import io.github.camelaliyun.vod.aijob.observability.VodAiJobProducerHealthCheck;
import io.github.camelaliyun.vod.aijob.submit.DeliveryOrigin;
import io.github.camelaliyun.vod.aijob.submit.SubmitLedger;
import io.github.camelaliyun.vod.aijob.submit.SubmitRequestReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.TypeConversionException;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.client.RetryPolicy;
import io.github.camelaliyun.vod.aijob.client.SetMessageCallbackRequest;
import io.github.camelaliyun.vod.aijob.client.SubmitAiJobRequest;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobException;
import io.github.camelaliyun.vod.aijob.client.VodApi;
import io.github.camelaliyun.vod.aijob.model.SubmitAiJobResult;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;

/**
 * Performs the endpoint's operation for each message without blocking Camel's threads: the calls run on the HTTP
 * client's I/O threads, and the route continues on a Camel thread pool once every batch has answered.
 */
public class VodAiJobProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(VodAiJobProducer.class);

    private VodAiJobClient client;
    private CallsInFlight calls;
    private ExecutorService continuation;
    private WritableHealthCheckRepository healthCheckRepository;
    private VodAiJobProducerHealthCheck healthCheck;

    public VodAiJobProducer(VodAiJobEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public VodAiJobEndpoint getEndpoint() {
        return (VodAiJobEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = getEndpoint().getClient();
        if (writesToStore()) {
            // a store that cannot be written fails the start: not a SubmitAIJob that bills jobs it then cannot track
            getEndpoint().getJobStore().verify();
        }
        // a call in flight when the context stops fails at once with "stopped" instead of holding up the shutdown;
        // a SubmitAIJob already sent gets up to its requestTimeout to answer, since its answer names billed jobs
        calls = new CallsInFlight("aivod-aijob:" + getEndpoint().getLabel(),
                getEndpoint().getConfiguration().getRequestTimeout());
        getEndpoint().getComponent().endOnStop(calls);
        // the HTTP client completes calls on its I/O threads, which must not run the rest of the route
        continuation = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newDefaultThreadPool(this, "AliyunVodAiJobProducer");
        // health checks are optional: only where the application installed the producers repository
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new VodAiJobProducerHealthCheck(getEndpoint(), client);
            healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    /** Whether this producer's operation (as configured; a header may choose another) writes to the label's store. */
    private boolean writesToStore() {
        VodAiJobConfiguration conf = getEndpoint().getConfiguration();
        return switch (conf.getOperation()) {
            case track, untrack, vodEvent -> true;
            case submitAiJob -> conf.isTrack();
            default -> false;
        };
    }

    @Override
    protected void doStop() throws Exception {
        if (calls != null) {
            calls.stopAll();
            getEndpoint().getComponent().forget(calls);
        }
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        if (continuation != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(continuation);
            continuation = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String endpointKey = getEndpoint().getEndpointKey();
        InputHeaders.beforeRead(exchange, endpointKey);
        VodAiJobOperations operation;
        try {
            operation = operation(exchange.getMessage());
        } catch (RuntimeException e) {
            exchange.setException(e);
            InputHeaders.failed(exchange, endpointKey, null);
            callback.done(true);
            return true;
        }
        // whichever way the operation ends, its input headers are off the message afterwards
        return process(exchange, operation, doneSync -> {
            if (exchange.getException() != null) {
                InputHeaders.failed(exchange, endpointKey, operation);
            }
            callback.done(doneSync);
        });
    }

    private boolean process(Exchange exchange, VodAiJobOperations operation, AsyncCallback callback) {
        try {
            return switch (operation) {
                case listAiJobs -> listAiJobs(exchange, callback);
                case submitAiJob -> submitAiJob(exchange, callback);
                case track -> {
                    setIds(exchange.getMessage(), getEndpoint().label().track(jobIds(exchange.getMessage())));
                    InputHeaders.consumed(exchange.getMessage(), VodAiJobOperations.track);
                    callback.done(true);
                    yield true;
                }
                case setMessageCallback -> setMessageCallback(exchange, callback);
                case vodEvent -> {
                    VodEventReceiver.receive(getEndpoint(), exchange);
                    callback.done(true);
                    yield true;
                }
                case untrack -> {
                    setIds(exchange.getMessage(), getEndpoint().getJobStore().remove(jobIds(exchange.getMessage())));
                    InputHeaders.consumed(exchange.getMessage(), VodAiJobOperations.untrack);
                    callback.done(true);
                    yield true;
                }
            };
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    /** The operation header (the enum or its name in any case, converted by Camel), else the option. */
    private VodAiJobOperations operation(Message message) {
        MessageInput input = MessageInput.headerElse(message, VodAiJobConstants.OPERATION,
                getEndpoint().getConfiguration().getOperation(), "operation option");
        if (!input.fromHeader()) {
            return (VodAiJobOperations) input.value();
        }
        VodAiJobOperations operation;
        try {
            operation = message.getHeader(VodAiJobConstants.OPERATION, VodAiJobOperations.class);
        } catch (TypeConversionException | IllegalArgumentException e) {
            operation = null;
        }
        if (operation == null) {
            throw new IllegalArgumentException("Unknown aivod-aijob operation '" + input.value() + "' in the "
                                               + input.source() + ": valid operations are "
                                               + VodAiJobOperations.names());
        }
        return operation;
    }

    private boolean listAiJobs(Exchange exchange, AsyncCallback callback) {
        VodAiJobConfiguration conf = getEndpoint().getConfiguration();
        List<String> ids = jobIds(exchange.getMessage());
        calls.track(BatchedLookup.run(client, ids, VodApi.MAX_JOB_IDS_PER_CALL, conf.getMaxConcurrentRequests()), "ListAIJob")
                .whenCompleteAsync((result, error) -> {
                    try {
                        if (error != null) {
                            exchange.setException(AsyncFailures.unwrap(error));
                        } else if (conf.isFailOnNonExistent() && !result.nonExistentIds().isEmpty()) {
                            exchange.setException(new NonExistentJobsException(result.nonExistentIds(), ids.size(),
                                    result.requestIds()));
                        } else {
                            setResult(exchange.getMessage(), result);
                            InputHeaders.consumed(exchange.getMessage(), VodAiJobOperations.listAiJobs);
                        }
                    } finally {
                        callback.done(false);
                    }
                }, continuation);
        return false;
    }

    /**
     * Tells VOD where to post its events. The options are checked first (no call with a key VOD would refuse, or one
     * that vodEvent could not verify); the body is left as it is, the RequestId goes to its header.
     */
    private boolean setMessageCallback(Exchange exchange, AsyncCallback callback) {
        SetMessageCallbackRequest request = MessageCallbackSettings.request(getEndpoint().getConfiguration());
        if (!MessageCallbackSettings.includesAiJobEvents(request.eventTypes())) {
            LOG.warn("aivod-aijob:{}: callbackEventTypes {} has no AI job event (AIMediaDNAComplete, AIVideoTagComplete,"
                     + " AIComplete or ALL): VOD will post none to {}, and the consumer finds finished jobs by polling"
                     + " only", getEndpoint().getLabel(), String.join(",", request.eventTypes()),
                    request.target());
        }
        calls.track(client.setMessageCallbackAsync(request), VodApi.ACTION_SET_MESSAGE_CALLBACK)
                .whenCompleteAsync((requestId, error) -> {
                    try {
                        if (error != null) {
                            exchange.setException(AsyncFailures.unwrap(error));
                        } else {
                            LOG.info("aivod-aijob:{}: VOD sends {} events to {} from now on (SetMessageCallback,"
                                     + " RequestId {})", getEndpoint().getLabel(),
                                    String.join(",", request.eventTypes()), request.target(), requestId);
                            exchange.getMessage().setHeader(VodAiJobConstants.REQUEST_ID, requestId);
                            InputHeaders.consumed(exchange.getMessage(), VodAiJobOperations.setMessageCallback);
                        }
                    } finally {
                        callback.done(false);
                    }
                }, continuation);
        return false;
    }

    /**
     * Submits, unless an earlier SubmitAIJob for this exchange (Camel redelivers the same exchange; the consumer
     * delivers a job again as a new exchange with the same {@link DeliveryOrigin}) may already have created the jobs:
     * then it refuses (outcome unknown) or passes on, and tracks, the jobs it knows were created.
     */
    private boolean submitAiJob(Exchange exchange, AsyncCallback callback) {
        VodAiJobConfiguration conf = getEndpoint().getConfiguration();
        SubmitAiJobRequest request = SubmitRequestReader.read(exchange.getMessage(), conf);
        SubmitLedger ledger = SubmitLedger.of(exchange, getEndpoint().getComponent());
        SubmitLedger.Entry earlier = ledger.find(request);
        String where = exchange.getProperty(DeliveryOrigin.PROPERTY) != null
                ? "for this delivery of " + exchange.getProperty(DeliveryOrigin.PROPERTY)
                : "on this exchange";
        if (earlier != null && earlier.result() != null) {
            if (!Set.copyOf(earlier.request().types()).equals(Set.copyOf(request.types()))) {
                throw new IllegalStateException("Not submitting media id " + request.mediaId() + " (types "
                                                + String.join(",", request.types()) + "): an earlier SubmitAIJob "
                                                + where + " already created " + earlier.result().jobs()
                                                + " for it" + (earlier.failure() == null ? ""
                                                        : ", which could not be tracked ("
                                                          + earlier.failure().getMessage() + ")")
                                                + "; track those with operation=track if needed and submit the"
                                                + " other types on a new exchange");
            }
            return finishSubmit(exchange, ledger, request, earlier.result(), callback, true);
        }
        if (earlier != null && !conf.isResubmitOnRedelivery()) {
            throw new SubmitOutcomeUnknownException("Not submitting media id " + request.mediaId() + " (types "
                                                    + String.join(",", request.types()) + ") again: an earlier"
                                                    + " SubmitAIJob for it " + where + " ended without a known"
                                                    + " outcome, so the jobs may exist and be billed ("
                                                    + earlier.failure().getMessage() + "). "
                                                    + SubmitOutcomeUnknownException.WHAT_TO_DO
                                                    + "; to submit again on redelivery anyway, set"
                                                    + " resubmitOnRedelivery=true",
                    request.mediaId(), earlier.failure());
        }
        // a consumed job's ledger is written ahead; when the store cannot take it, nothing is sent (nor billed)
        ledger.aboutToSubmit(request);
        calls.track(client.submitAiJobAsync(request), "SubmitAIJob").whenCompleteAsync((result, error) -> {
            if (error != null) {
                Throwable failure = AsyncFailures.unwrap(error);
                exchange.setException(failure);
                try {
                    if (!outcomeUnknown(failure)) {
                        ledger.notSubmitted(request);
                    } else if (earlier == null || ledger.isKeptInStore()) {
                        ledger.outcomeUnknown(request, failure);
                    }
                } catch (RuntimeException e) {
                    // the ledger written ahead stays: the next delivery refuses to submit, it does not pay twice
                    LOG.warn("aivod-aijob:{}: could not record the outcome of a failed SubmitAIJob for media id {}"
                             + " in the job store: {}", getEndpoint().getLabel(), request.mediaId(), e.toString());
                } finally {
                    callback.done(false);
                }
            } else {
                finishSubmit(exchange, ledger, request, result, callback, false);
            }
        }, continuation);
        return false;
    }

    /** Tracks the created jobs (when asked to) and sets the result; a failure to track is kept for a redelivery. */
    private boolean finishSubmit(
            Exchange exchange, SubmitLedger ledger, SubmitAiJobRequest request, SubmitAiJobResult result,
            AsyncCallback callback, boolean sync) {
        try {
            List<String> ids = result.jobs().stream().map(SubmittedAiJob::jobId).toList();
            if (getEndpoint().getConfiguration().isTrack()) {
                try {
                    getEndpoint().label().track(ids);
                } catch (RuntimeException e) {
                    try {
                        ledger.createdNotTracked(request, result, e);
                    } catch (RuntimeException notRecorded) {
                        // the ledger written ahead stays: a redelivery refuses to submit rather than pay twice
                        e.addSuppressed(notRecorded);
                    }
                    // the jobs exist (and are billed): say which, so that nobody submits them again blindly
                    exchange.setException(new IllegalStateException("SubmitAIJob created the jobs " + ids
                                                                    + " (RequestId " + result.requestId()
                                                                    + ") but they could not be added to the job"
                                                                    + " store of label '" + getEndpoint().getLabel()
                                                                    + "': " + e.getMessage() + "; a redelivery of"
                                                                    + " this exchange tracks them without submitting"
                                                                    + " again, or track them with operation=track",
                            e));
                    return sync;
                }
            }
            // an unknown outcome of an earlier attempt (resubmitOnRedelivery) no longer matters: these jobs exist
            try {
                ledger.settled(request, result);
            } catch (RuntimeException e) {
                // the ledger written ahead stays: the next delivery of the consumed job refuses to submit again
                LOG.warn("aivod-aijob:{}: SubmitAIJob created {} for media id {}, but the job store could not record"
                         + " it in the consumed job's submit ledger ({}): a redelivery of that job will refuse to"
                         + " submit again", getEndpoint().getLabel(), ids, request.mediaId(), e.toString());
            }
            Message message = exchange.getMessage();
            message.setBody(new JobList<>(result.jobs()));
            message.setHeader(VodAiJobConstants.SUBMITTED_IDS, ids);
            message.setHeader(VodAiJobConstants.MEDIA_ID, request.mediaId());
            message.setHeader(VodAiJobConstants.REQUEST_ID, result.requestId());
            message.setHeader(VodAiJobConstants.COUNT, ids.size());
            InputHeaders.consumed(message, VodAiJobOperations.submitAiJob);
        } catch (RuntimeException e) {
            exchange.setException(e);
        } finally {
            callback.done(sync);
        }
        return sync;
    }

    /**
     * Whether the service may have created the jobs despite the failure. Only a {@link VodAiJobException} can tell
     * that it surely did not (throttled, refused, no connection); anything else from a client is taken as unknown.
     */
    private static boolean outcomeUnknown(Throwable failure) {
        return !(failure instanceof VodAiJobException e) || RetryPolicy.outcomeUnknown(e.getHttpStatus(),
                e.getErrorCode());
    }

    /** The ids from the ids header, else from the body; no ids at all fails, naming where they were looked for. */
    private static List<String> jobIds(Message message) {
        MessageInput input = MessageInput.headerElseBody(message, VodAiJobConstants.JOB_IDS);
        if (input.value() == null) {
            throw new IllegalArgumentException("No job ids: put them in the message body or in the "
                                               + VodAiJobConstants.JOB_IDS + " header, as "
                                               + JobIdsReader.ACCEPTED_TYPES);
        }
        List<String> ids = JobIdsReader.read(input.value(), input.source());
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("No job ids in the " + input.source()
                                               + (input.fromHeader() ? " (a header that is set takes precedence:"
                                                                       + " the body was not read)" : "")
                                               + ": it holds no id that is not blank; give "
                                               + JobIdsReader.ACCEPTED_TYPES);
        }
        return ids;
    }

    /** The result of track and untrack: the ids the store took in (or let go of), the others were already so. */
    private static void setIds(Message message, List<String> ids) {
        message.setBody(new ArrayList<>(ids));
        message.setHeader(VodAiJobConstants.COUNT, ids.size());
    }

    private static void setResult(Message message, LookupResult result) {
        message.setBody(new JobList<>(result.jobs()));
        message.setHeader(VodAiJobConstants.NON_EXISTENT_IDS, result.nonExistentIds());
        message.setHeader(VodAiJobConstants.REQUEST_IDS, result.requestIds());
        message.setHeader(VodAiJobConstants.COUNT, result.jobs().size());
    }
}
