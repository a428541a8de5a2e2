package io.github.camelaliyun.vod.aijob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;

import io.github.camelaliyun.vod.aijob.client.SubmitAiJobRequest;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;

/**
 * Performs the endpoint's operation for each message without blocking Camel's threads: the calls run on the HTTP
 * client's I/O threads, and the route continues on a Camel thread pool once every batch has answered.
 */
public class VodAiJobProducer extends DefaultAsyncProducer {

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
        calls = new CallsInFlight("aivod-aijob:" + getEndpoint().getLabel());
        // a call in flight when the context stops fails at once with "stopped" instead of holding up the shutdown
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
        try {
            VodAiJobOperations operation = operation(exchange);
            switch (operation) {
                case listAiJobs:
                    return listAiJobs(exchange, callback);
                case track:
                    setIds(exchange.getMessage(), getEndpoint().getJobStore().add(jobIds(exchange.getMessage()),
                            Instant.now()));
                    callback.done(true);
                    return true;
                case untrack:
                    setIds(exchange.getMessage(), getEndpoint().getJobStore().remove(jobIds(exchange.getMessage())));
                    callback.done(true);
                    return true;
                case submitAiJob:
                    return submitAiJob(exchange, callback);
                default:
                    throw new IllegalArgumentException("Unsupported operation " + operation);
            }
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    private VodAiJobOperations operation(Exchange exchange) {
        Object header = exchange.getMessage().getHeader(VodAiJobConstants.OPERATION);
        return header != null ? VodAiJobOperations.from(header) : getEndpoint().getConfiguration().getOperation();
    }

    private boolean listAiJobs(Exchange exchange, AsyncCallback callback) {
        VodAiJobConfiguration conf = getEndpoint().getConfiguration();
        List<String> ids = jobIds(exchange.getMessage());
        if (ids.isEmpty()) {
            setResult(exchange.getMessage(), LookupResult.EMPTY);
            callback.done(true);
            return true;
        }
        calls.track(BatchedLookup.run(client, ids, conf.getBatchSize(), conf.getMaxConcurrentRequests()), "ListAIJob")
                .whenCompleteAsync((result, error) -> {
                    try {
                        if (error != null) {
                            exchange.setException(AsyncFailures.unwrap(error));
                        } else if (conf.isFailOnNonExistent() && !result.nonExistentIds().isEmpty()) {
                            exchange.setException(new NonExistentJobsException(result.nonExistentIds(), ids.size(),
                                    result.requestIds()));
                        } else {
                            setResult(exchange.getMessage(), result);
                        }
                    } finally {
                        callback.done(false);
                    }
                }, continuation);
        return false;
    }

    private boolean submitAiJob(Exchange exchange, AsyncCallback callback) {
        VodAiJobConfiguration conf = getEndpoint().getConfiguration();
        SubmitAiJobRequest request = SubmitRequestReader.read(exchange.getMessage(), conf);
        calls.track(client.submitAiJobAsync(request), "SubmitAIJob").whenCompleteAsync((result, error) -> {
            try {
                if (error != null) {
                    exchange.setException(AsyncFailures.unwrap(error));
                    return;
                }
                List<String> ids = result.jobs().stream().map(SubmittedAiJob::jobId).toList();
                if (conf.isTrack()) {
                    try {
                        getEndpoint().getJobStore().add(ids, Instant.now());
                    } catch (RuntimeException e) {
                        // the jobs exist (and are billed): say which, so that nobody submits them again blindly
                        exchange.setException(new IllegalStateException("SubmitAIJob created the jobs " + ids
                                                                        + " (RequestId " + result.requestId()
                                                                        + ") but they could not be added to the job"
                                                                        + " store of label '"
                                                                        + getEndpoint().getLabel() + "': "
                                                                        + e.getMessage()
                                                                        + "; track them with operation=track",
                                e));
                        return;
                    }
                }
                Message message = exchange.getMessage();
                message.setBody(new ArrayList<>(result.jobs()));
                message.setHeader(VodAiJobConstants.SUBMITTED_IDS, ids);
                message.setHeader(VodAiJobConstants.MEDIA_ID, request.mediaId());
                message.setHeader(VodAiJobConstants.REQUEST_ID, result.requestId());
                message.setHeader(VodAiJobConstants.COUNT, ids.size());
            } finally {
                callback.done(false);
            }
        }, continuation);
        return false;
    }

    /** The ids from the ids header, else from the body; says where ids go when there are none. */
    private static List<String> jobIds(Message message) {
        Object header = message.getHeader(VodAiJobConstants.JOB_IDS);
        if (header != null) {
            return JobIdsReader.read(header, "header " + VodAiJobConstants.JOB_IDS);
        }
        Object body = message.getBody();
        if (body == null) {
            throw new IllegalArgumentException("No job ids: put them in the message body or in the "
                                               + VodAiJobConstants.JOB_IDS + " header, as "
                                               + JobIdsReader.ACCEPTED_TYPES);
        }
        return JobIdsReader.read(body, "message body");
    }

    /** The result of track and untrack: the ids the store took in (or let go of), the others were already so. */
    private static void setIds(Message message, List<String> ids) {
        message.setBody(new ArrayList<>(ids));
        message.setHeader(VodAiJobConstants.COUNT, ids.size());
    }

    private static void setResult(Message message, LookupResult result) {
        message.setBody(new ArrayList<>(result.jobs()));
        message.setHeader(VodAiJobConstants.NON_EXISTENT_IDS, result.nonExistentIds());
        message.setHeader(VodAiJobConstants.REQUEST_IDS, result.requestIds());
        message.setHeader(VodAiJobConstants.COUNT, result.jobs().size());
    }
}
