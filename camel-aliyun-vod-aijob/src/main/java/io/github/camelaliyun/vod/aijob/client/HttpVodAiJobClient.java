package io.github.camelaliyun.vod.aijob.client;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.model.ListAiJobsResult;
import io.github.camelaliyun.vod.aijob.model.SubmitAiJobResult;

/**
 * {@link VodAiJobClient} over Apache HttpClient 5 (async) and Jackson. Every attempt is signed afresh (new timestamp
 * and nonce), so replay errors such as {@code SignatureNonceUsed} are cured by retrying. Many clients may share one
 * {@link VodHttpTransport}; a client made by {@link #create(VodAiJobClientSettings)} owns its transport and closes it.
 */
public final class HttpVodAiJobClient implements VodAiJobClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpVodAiJobClient.class);

    private final VodAiJobClientSettings settings;
    private final VodHttpTransport transport;
    private final boolean ownsTransport;
    private final RequestSigner signer;
    private final RequestConfig requestConfig;
    private final VodResponseParser parser = new VodResponseParser();
    private final URI endpoint;
    private final String host;
    private final long requestTimeoutMillis;

    /** One API call: what to send, what it is about, how to read the reply, and whether repeating it is harmless. */
    private record Call<T>(
            String action, Map<String, String> params, String subject, List<String> jobIds, boolean idempotent,
            RateLimiter rateLimiter, Function<byte[], T> reader, List<String> secretParams) {

        Call(String action, Map<String, String> params, String subject, List<String> jobIds, boolean idempotent,
             RateLimiter rateLimiter, Function<byte[], T> reader) {
            this(action, params, subject, jobIds, idempotent, rateLimiter, reader, List.of());
        }
    }

    /** A client that sends through a shared transport, which it leaves open on {@link #close()}. */
    public HttpVodAiJobClient(VodAiJobClientSettings settings, VodHttpTransport transport) {
        this(settings, transport, false);
    }

    private HttpVodAiJobClient(VodAiJobClientSettings settings, VodHttpTransport transport, boolean ownsTransport) {
        this.settings = settings;
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.signer = settings.signatureAlgorithm().newSigner();
        this.endpoint = settings.endpoint();
        this.host = endpoint.getPort() == -1 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        long requestMillis = settings.requestTimeout().toMillis();
        this.requestTimeoutMillis = requestMillis;
        long connectMillis = settings.connectTimeout().toMillis();
        @SuppressWarnings("deprecation") // per-request connect timeout: endpoints sharing one pool may differ
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(connectMillis))
                .setResponseTimeout(Timeout.ofMilliseconds(requestMillis))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(connectMillis + requestMillis))
                .build();
        this.requestConfig = config;
    }

    /** A standalone client with its own connection pool (sized for 4 calls at once), closed with the client. */
    public static HttpVodAiJobClient create(VodAiJobClientSettings settings) {
        return new HttpVodAiJobClient(settings, new VodHttpTransport(4), true);
    }

    public VodAiJobClientSettings settings() {
        return settings;
    }

    @Override
    public CompletableFuture<ListAiJobsResult> listAiJobsAsync(List<String> jobIds) {
        List<String> ids = checkBatch(jobIds);
        return start(new Call<>(VodApi.ACTION_LIST_AI_JOB, Map.of("JobIds", String.join(",", ids)), "job ids " + ids, ids,
                true, settings.listRateLimiter(), parser::parseListAiJobs));
    }

    @Override
    public CompletableFuture<SubmitAiJobResult> submitAiJobAsync(SubmitAiJobRequest request) {
        if (request.mediaId() == null || request.mediaId().isBlank() || request.types().isEmpty()) {
            throw new IllegalArgumentException("SubmitAIJob needs a media id and at least one job type");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MediaId", request.mediaId());
        params.put("Types", String.join(",", request.types()));
        if (request.config() != null) {
            params.put("Config", request.config());
        }
        if (request.userData() != null) {
            params.put("UserData", request.userData());
        }
        return start(new Call<>(VodApi.ACTION_SUBMIT_AI_JOB, params, "media id " + request.mediaId() + " (types "
                                                               + String.join(",", request.types()) + ")",
                List.of(), false, settings.submitRateLimiter(), parser::parseSubmitAiJob));
    }

    /**
     * SetMessageCallback, always an HTTP callback with authentication on. Idempotent: sending the same settings again
     * leaves VOD as one call would, so it is retried like ListAIJob (after a 500, a timeout or a dropped reply too).
     * The AuthKey travels as a parameter, and the service echoes parameters in some errors (the string to sign of
     * {@code SignatureDoesNotMatch}): it is redacted from every message, like the credentials.
     */
    @Override
    public CompletableFuture<String> setMessageCallbackAsync(SetMessageCallbackRequest request) {
        if (request.eventTypes().isEmpty()) {
            throw new IllegalArgumentException("SetMessageCallback needs at least one event type: an empty"
                                               + " EventTypeList turns every event notification off");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallbackType", request.callbackType());
        if (request.isMns()) {
            params.put("MnsEndpoint", request.mnsEndpoint());
            params.put("MnsQueueName", request.mnsQueueName());
        } else {
            params.put("CallbackURL", request.callbackUrl());
        }
        params.put("EventTypeList", String.join(",", request.eventTypes()));
        if (!request.isMns()) {
            params.put("AuthSwitch", "on");
            params.put("AuthKey", request.authKey());
        }
        if (request.appId() != null) {
            params.put("AppId", request.appId());
        }
        return start(new Call<>(VodApi.ACTION_SET_MESSAGE_CALLBACK, params, request.target(),
                List.of(), true, null, parser::parseSetMessageCallback,
                request.isMns() ? List.of() : List.of(request.authKey())));
    }

    static List<String> checkBatch(List<String> jobIds) {
        if (jobIds == null || jobIds.isEmpty()) {
            throw new IllegalArgumentException("ListAIJob needs at least one job id");
        }
        if (jobIds.size() > VodApi.MAX_JOB_IDS_PER_CALL) {
            throw new IllegalArgumentException("ListAIJob accepts at most " + VodApi.MAX_JOB_IDS_PER_CALL
                                               + " job ids per call, got " + jobIds.size()
                                               + "; split them into batches (the aivod-aijob producer does this for you)");
        }
        for (int i = 0; i < jobIds.size(); i++) {
            String id = jobIds.get(i);
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("Job id at position " + i + " is blank");
            }
        }
        return List.copyOf(jobIds);
    }

    private <T> CompletableFuture<T> start(Call<T> call) {
        // a call that is not idempotent says whether it is at the service, for whoever stops it
        CompletableFuture<T> result = call.idempotent() ? new CompletableFuture<>() : new SendAwareFuture<>();
        sendWhenAllowed(call, 1, result);
        return result;
    }

    /** Sends now, or when the call's rate limiter has a free slot for it. */
    private <T> void sendWhenAllowed(Call<T> call, int attempt, CompletableFuture<T> result) {
        long waitNanos = call.rateLimiter() == null ? 0 : call.rateLimiter().reserve();
        if (waitNanos <= 0) {
            send(call, attempt, result);
            return;
        }
        transport.schedule(() -> send(call, attempt, result), TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1)
                .exceptionally(e -> {
                    result.completeExceptionally(new IllegalStateException("The client was closed while "
                                                                           + call.action() + " waited for its turn",
                            e));
                    return null;
                });
    }

    private <T> void send(Call<T> call, int attempt, CompletableFuture<T> result) {
        if (result.isDone()) {
            return;
        }
        // expired credentials being refreshed: the call goes on when they arrive, and no thread waits for them
        CompletableFuture<AlibabaCloudCredentials> pending = settings.credentialsProvider().credentialsAsync();
        if (!pending.isDone()) {
            pending.whenComplete((c, e) -> send(call, attempt, result, pending));
            return;
        }
        send(call, attempt, result, pending);
    }

    private <T> void send(
            Call<T> call, int attempt, CompletableFuture<T> result, CompletableFuture<AlibabaCloudCredentials> ready) {
        if (result.isDone()) {
            return;
        }
        AlibabaCloudCredentials credentials;
        SimpleHttpRequest request;
        try {
            credentials = ready.join();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            // not sent: a failure of the service's kind, so that callers and health checks handle it as one
            // counted before the caller hears of it, so that whoever reads the figures then finds this call in them
            tellEnded(call, attempt, VodAiJobException.CODE_CREDENTIALS_UNAVAILABLE);
            result.completeExceptionally(new VodAiJobException(call.action(), call.subject(), call.jobIds(), 0,
                    VodAiJobException.CODE_CREDENTIALS_UNAVAILABLE, cause.getMessage(), null, attempt, cause));
            return;
        }
        try {
            if (credentials == null) {
                throw new IllegalStateException("The credentials provider " + settings.credentialsProvider()
                                                + " answered no credentials");
            }
            request = signedRequest(call, credentials);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig);
        if (call.rateLimiter() != null) {
            context.setAttribute(VodHttpTransport.RATE_LIMITER_ATTRIBUTE, call.rateLimiter());
        }
        if (result instanceof SendAwareFuture<T> sendAware && !sendAware.markSent()) {
            return;
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicReference<ScheduledFuture<?>> deadline = new AtomicReference<>();
        Future<SimpleHttpResponse> inFlight = transport.execute(request, context, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                cancel(deadline.get());
                onResponse(call, attempt, result, response, credentials);
            }

            @Override
            public void failed(Exception ex) {
                cancel(deadline.get());
                boolean neverSent = ex instanceof ConnectException || ex instanceof ConnectTimeoutException
                        || ex instanceof UnknownHostException;
                // HttpClient's own response timeout and this client's deadline race for a silent service: one message
                String message = ex instanceof SocketTimeoutException
                        ? "no reply from " + endpoint + " within requestTimeout (" + requestTimeoutMillis + " ms)"
                        : (neverSent ? "no connection to " : "no reply from ") + endpoint + ": " + ex;
                retryOrFail(call, attempt, result, new Failure(0,
                        neverSent ? VodAiJobException.CODE_CONNECT_FAILED : VodAiJobException.CODE_IO_ERROR,
                        message, null, ex), credentials);
            }

            @Override
            public void cancelled() {
                cancel(deadline.get());
                if (timedOut.get()) {
                    retryOrFail(call, attempt, result, new Failure(0, VodAiJobException.CODE_IO_ERROR,
                            "no reply from " + endpoint + " within requestTimeout (" + requestTimeoutMillis + " ms)",
                            null, null), credentials);
                } else {
                    result.cancel(false);
                }
            }
        });
        // the whole attempt, pooled connection or not, gets requestTimeout: HttpClient's own response timeout is a
        // socket inactivity timeout, which a slow-dripping or a pooled connection does not always honour
        deadline.set(transport.scheduleTimeout(() -> {
            timedOut.set(true);
            inFlight.cancel(true);
        }, requestTimeoutMillis));
        // a caller that gives up (cancel, or a timeout around the future) should not leave the call running
        result.whenComplete((r, t) -> {
            if (result.isCancelled()) {
                inFlight.cancel(true);
            }
        });
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private SimpleHttpRequest signedRequest(Call<?> call, AlibabaCloudCredentials credentials) {
        AcsRequest acs = new AcsRequest("POST", host, call.action(), VodApi.API_VERSION);
        // V3 puts the parameters in the request line, which HttpClient logs at DEBUG: a secret goes in the body
        boolean formBody = !(signer instanceof RpcHmacSha1Signer) && !call.secretParams().isEmpty();
        call.params().forEach(formBody ? acs::formParam : acs::queryParam);
        signer.sign(acs, credentials, Instant.now(), UUID.randomUUID().toString());
        SimpleHttpRequest request;
        if (formBody) {
            request = SimpleHttpRequest.create("POST", URI.create(endpoint.getScheme() + "://" + host + "/"));
            request.setBody(acs.formBody(), ContentType.APPLICATION_FORM_URLENCODED);
        } else if (signer instanceof RpcHmacSha1Signer) {
            // the RPC signature puts every parameter, the STS token included, into the form: sent as the body it stays
            // out of the request line, which HTTP clients and proxies log
            request = SimpleHttpRequest.create("POST", URI.create(endpoint.getScheme() + "://" + host + "/"));
            request.setBody(acs.canonicalQueryString(), ContentType.APPLICATION_FORM_URLENCODED);
        } else {
            request = SimpleHttpRequest.create("POST",
                    URI.create(endpoint.getScheme() + "://" + host + "/?" + acs.canonicalQueryString()));
        }
        for (Map.Entry<String, String> h : acs.headers().entrySet()) {
            request.setHeader(h.getKey(), h.getValue());
        }
        request.setHeader("Accept", "application/json");
        return request;
    }

    private <T> void onResponse(
            Call<T> call, int attempt, CompletableFuture<T> result, SimpleHttpResponse response,
            AlibabaCloudCredentials credentials) {
        int status = response.getCode();
        byte[] body = response.getBodyBytes();
        if (status == 200) {
            try {
                T answer = call.reader().apply(body);
                tellEnded(call, attempt, null); // before the caller hears of it
                result.complete(answer);
            } catch (MalformedResponseException e) {
                retryOrFail(call, attempt, result,
                        new Failure(status, VodAiJobException.CODE_MALFORMED_RESPONSE, e.getMessage(), null, e),
                        credentials);
            }
            return;
        }
        ServiceError error = parser.parseError(body);
        String code = error.code() != null ? error.code() : "HTTP" + status;
        String message = error.message();
        if (error.recommend() != null && !error.recommend().isBlank()) {
            message = message + " (see " + error.recommend() + ")";
        }
        retryOrFail(call, attempt, result, new Failure(status, code, message, error.requestId(), null), credentials);
    }

    private <T> void retryOrFail(
            Call<T> call, int attempt, CompletableFuture<T> result, Failure failure,
            AlibabaCloudCredentials credentials) {
        RetryPolicy policy = settings.retryPolicy();
        if (!result.isDone() && attempt <= policy.maxRetries()
                && policy.isRetryable(failure.status, failure.code, call.idempotent())) {
            tellFailed(call, failure, true);
            long delay = policy.delayMillis(attempt);
            LOG.debug("{} for {} failed with {} (HTTP {}, RequestId={}); retry {} of {} in {} ms", call.action(),
                    call.subject(), failure.code, failure.status, failure.requestId, attempt, policy.maxRetries(),
                    delay);
            if (result instanceof SendAwareFuture<T> sendAware) {
                sendAware.markNotSent();
            }
            transport.schedule(() -> sendWhenAllowed(call, attempt + 1, result), delay)
                    .exceptionally(e -> {
                        result.completeExceptionally(failure.toException(call, attempt, credentials));
                        return null;
                    });
            return;
        }
        if (!result.isDone()) { // a call its caller cancelled is not counted
            tellFailed(call, failure, false);
            tellEnded(call, attempt, failure.code);
        }
        result.completeExceptionally(failure.toException(call, attempt, credentials));
    }

    private void tellFailed(Call<?> call, Failure failure, boolean retrying) {
        try {
            settings.callListener().attemptFailed(call.action(), failure.status, failure.code, retrying);
        } catch (RuntimeException e) {
            LOG.debug("The call listener failed; the call goes on", e); // statistics must never fail a call
        }
    }

    private void tellEnded(Call<?> call, int attempts, String errorCode) {
        try {
            settings.callListener().callEnded(call.action(), attempts, errorCode);
        } catch (RuntimeException e) {
            LOG.debug("The call listener failed; the call goes on", e);
        }
    }

    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }

    @Override
    public String toString() {
        return "HttpVodAiJobClient[" + settings + "]";
    }

    /** What must never leave in a message: the credentials, and the call's secret parameters (an AuthKey). */
    private static List<String> secretsOf(Call<?> call, AlibabaCloudCredentials credentials) {
        List<String> secrets = new java.util.ArrayList<>(call.secretParams());
        secrets.addAll(Arrays.asList(credentials.accessKeySecret(), credentials.securityToken()));
        return secrets;
    }

    /** One failed attempt, kept until the retry policy decides it was the last. */
    private record Failure(int status, String code, String message, String requestId, Throwable cause) {

        VodAiJobException toException(Call<?> call, int attempts, AlibabaCloudCredentials credentials) {
            // servers echo parts of the request (a string to sign holds the STS token): never pass a secret on
            String text = SecretRedaction.redact(message,
                    secretsOf(call, credentials));
            if (!call.idempotent() && RetryPolicy.outcomeUnknown(status, code)) {
                text = text + " [the service may have acted on this " + call.action()
                       + " before the failure: check whether the jobs exist before sending it again]";
            }
            return new VodAiJobException(call.action(), call.subject(), call.jobIds(), status, code, text, requestId,
                    attempts, cause);
        }

    }
}
