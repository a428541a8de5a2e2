package io.github.camelaliyun.vod.aijob.client;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.model.ListAiJobsResult;

/**
 * {@link VodAiJobClient} over Apache HttpClient 5 (async) and Jackson. Every attempt is signed afresh (new timestamp
 * and nonce), so replay errors such as {@code SignatureNonceUsed} are cured by retrying. Many clients may share one
 * {@link VodHttpTransport}; a client made by {@link #create(VodAiJobClientSettings)} owns its transport and closes it.
 */
public final class HttpVodAiJobClient implements VodAiJobClient {

    public static final String API_VERSION = "2017-03-21";
    public static final String ACTION_LIST_AI_JOB = "ListAIJob";

    private static final Logger LOG = LoggerFactory.getLogger(HttpVodAiJobClient.class);

    private final VodAiJobClientSettings settings;
    private final VodHttpTransport transport;
    private final boolean ownsTransport;
    private final RequestSigner signer;
    private final RequestConfig requestConfig;
    private final ListAiJobResponseParser parser = new ListAiJobResponseParser();
    private final URI endpoint;
    private final String host;

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
        CompletableFuture<ListAiJobsResult> result = new CompletableFuture<>();
        send(ids, 1, result);
        return result;
    }

    static List<String> checkBatch(List<String> jobIds) {
        if (jobIds == null || jobIds.isEmpty()) {
            throw new IllegalArgumentException("ListAIJob needs at least one job id");
        }
        if (jobIds.size() > MAX_JOB_IDS_PER_CALL) {
            throw new IllegalArgumentException("ListAIJob accepts at most " + MAX_JOB_IDS_PER_CALL
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

    private void send(List<String> ids, int attempt, CompletableFuture<ListAiJobsResult> result) {
        AlibabaCloudCredentials credentials;
        SimpleHttpRequest request;
        try {
            credentials = settings.credentialsProvider().credentials();
            request = signedListRequest(ids, credentials);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig);
        Future<SimpleHttpResponse> inFlight = transport.execute(request, context, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                onResponse(ids, attempt, result, response, credentials);
            }

            @Override
            public void failed(Exception ex) {
                retryOrFail(ids, attempt, result, new Failure(0, VodAiJobException.CODE_IO_ERROR,
                        "no reply from " + endpoint + ": " + ex, null, ex), credentials);
            }

            @Override
            public void cancelled() {
                result.cancel(false);
            }
        });
        // a caller that gives up (cancel, or a timeout around the future) should not leave the call running
        result.whenComplete((r, t) -> {
            if (result.isCancelled()) {
                inFlight.cancel(true);
            }
        });
    }

    private SimpleHttpRequest signedListRequest(List<String> ids, AlibabaCloudCredentials credentials) {
        AcsRequest acs = new AcsRequest("POST", host, ACTION_LIST_AI_JOB, API_VERSION)
                .queryParam("JobIds", String.join(",", ids));
        signer.sign(acs, credentials, Instant.now(), UUID.randomUUID().toString());
        SimpleHttpRequest request = SimpleHttpRequest.create("POST",
                URI.create(endpoint.getScheme() + "://" + host + "/?" + acs.canonicalQueryString()));
        for (Map.Entry<String, String> h : acs.headers().entrySet()) {
            request.setHeader(h.getKey(), h.getValue());
        }
        request.setHeader("Accept", "application/json");
        return request;
    }

    private void onResponse(
            List<String> ids, int attempt, CompletableFuture<ListAiJobsResult> result, SimpleHttpResponse response,
            AlibabaCloudCredentials credentials) {
        int status = response.getCode();
        byte[] body = response.getBodyBytes();
        if (status == 200) {
            try {
                result.complete(parser.parse(body));
            } catch (MalformedResponseException e) {
                retryOrFail(ids, attempt, result,
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
        retryOrFail(ids, attempt, result, new Failure(status, code, message, error.requestId(), null), credentials);
    }

    private void retryOrFail(
            List<String> ids, int attempt, CompletableFuture<ListAiJobsResult> result, Failure failure,
            AlibabaCloudCredentials credentials) {
        RetryPolicy policy = settings.retryPolicy();
        if (!result.isDone() && attempt <= policy.maxRetries() && policy.isRetryable(failure.status, failure.code)) {
            long delay = policy.delayMillis(attempt);
            LOG.debug("ListAIJob for {} ids failed with {} (HTTP {}, RequestId={}); retry {} of {} in {} ms",
                    ids.size(), failure.code, failure.status, failure.requestId, attempt, policy.maxRetries(), delay);
            transport.schedule(() -> send(ids, attempt + 1, result), delay)
                    .exceptionally(e -> {
                        result.completeExceptionally(failure.toException(ids, attempt, credentials));
                        return null;
                    });
            return;
        }
        result.completeExceptionally(failure.toException(ids, attempt, credentials));
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

    /** One failed attempt, kept until the retry policy decides it was the last. */
    private record Failure(int status, String code, String message, String requestId, Throwable cause) {

        VodAiJobException toException(List<String> ids, int attempts, AlibabaCloudCredentials credentials) {
            return new VodAiJobException(ACTION_LIST_AI_JOB, ids, status, code, redact(message, credentials), requestId,
                    attempts, cause);
        }

        /** Servers echo parts of the request (a string to sign holds the STS token): never pass a secret on. */
        private static String redact(String text, AlibabaCloudCredentials credentials) {
            if (text == null) {
                return null;
            }
            String redacted = text.replace(credentials.accessKeySecret(), "***");
            String token = credentials.securityToken();
            if (token != null) {
                redacted = redacted.replace(token, "***").replace(AcsPercentEncoder.encode(token), "***");
            }
            return redacted;
        }
    }
}
