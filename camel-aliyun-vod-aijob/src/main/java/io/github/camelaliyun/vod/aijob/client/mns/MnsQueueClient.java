package io.github.camelaliyun.vod.aijob.client.mns;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.xml.stream.XMLStreamException;

import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;
import io.github.camelaliyun.vod.aijob.client.RetryPolicy;

/**
 * The two calls of one MNS queue that an event consumer needs, over its REST API and signed here (no SDK):
 * BatchReceiveMessage with long polling, and BatchDeleteMessage. Blocking (Apache HttpClient 5 classic, with a pool of
 * its own), since it runs on the one thread that reads the queue; {@link #close()} ends a long poll in progress.
 * Both calls are safe to repeat, so throttling, server errors and calls without an answer are retried with the
 * {@link RetryPolicy}'s backoff; other errors are thrown at once as an {@link MnsException}.
 */
public final class MnsQueueClient implements AutoCloseable {

    /** The MNS API version this client speaks. */
    public static final String API_VERSION = "2015-06-06";
    /** The most messages one BatchReceiveMessage or BatchDeleteMessage takes. */
    public static final int MAX_BATCH = 16;
    /** The longest long poll MNS allows, in seconds. */
    public static final int MAX_WAIT_SECONDS = 30;
    /** The header that carries the security token of STS credentials. */
    public static final String SECURITY_TOKEN_HEADER = "security-token";

    static final String CONTENT_TYPE = "text/xml;charset=UTF-8";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final String queue;
    private final CredentialsProvider credentials;
    private final RetryPolicy retries;
    private final Duration requestTimeout;
    private final Clock clock;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    private final AtomicReference<HttpUriRequestBase> inFlight = new AtomicReference<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param endpoint       {@code https://<account id>.mns.<region>.aliyuncs.com} (a path is ignored)
     * @param queue          the queue's name
     * @param requestTimeout how long an answer may take beyond the long poll's wait
     */
    public MnsQueueClient(URI endpoint, String queue, CredentialsProvider credentials, RetryPolicy retries,
                          Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.endpoint = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority());
        this.queue = Objects.requireNonNull(queue, "queue");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.retries = retries;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(2)
                .setMaxConnPerRoute(2)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableAutomaticRetries() // retried here, knowing which MNS errors are worth it
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }

    public String queue() {
        return queue;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The HTTP calls made, retries included. */
    public int calls() {
        return calls.get();
    }

    /**
     * Receives up to {@code max} messages, waiting up to {@code waitSeconds} for the first; an empty list when none
     * came (MNS answers MessageNotExist).
     */
    public List<MnsMessage> receive(int max, int waitSeconds) {
        if (max < 1 || max > MAX_BATCH || waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            throw new IllegalArgumentException("1 to " + MAX_BATCH + " messages, 0 to " + MAX_WAIT_SECONDS
                                               + " seconds");
        }
        String resource = "/queues/" + queue + "/messages?numOfMessages=" + max + "&waitseconds=" + waitSeconds;
        Answer answer = call("GET", resource, null, Duration.ofSeconds(waitSeconds));
        if (answer.status() == 404 && "MessageNotExist".equals(answer.errorCode())) {
            return List.of();
        }
        if (answer.status() != 200) {
            throw answer.failure(queue);
        }
        if (!"Messages".equals(answer.document().root()) && !"Message".equals(answer.document().root())) {
            throw new MnsException(queue, MnsException.CODE_MALFORMED_RESPONSE, answer.status(), null,
                    "expected <Messages>, got <" + answer.document().root() + ">", null);
        }
        List<Map<String, String>> records = "Message".equals(answer.document().root())
                ? List.of(answer.document().leaves()) : answer.document().records();
        List<MnsMessage> messages = new ArrayList<>(records.size());
        for (Map<String, String> record : records) {
            String id = record.get("MessageId");
            String handle = record.get("ReceiptHandle");
            if (id == null || handle == null) {
                throw new MnsException(queue, MnsException.CODE_MALFORMED_RESPONSE, answer.status(), null,
                        "a <Message> without MessageId or ReceiptHandle", null);
            }
            int dequeued;
            try {
                dequeued = Integer.parseInt(record.getOrDefault("DequeueCount", "1").strip());
            } catch (NumberFormatException e) {
                dequeued = 1;
            }
            messages.add(new MnsMessage(id, handle, record.get("MessageBody"), dequeued));
        }
        return messages;
    }

    /** What a BatchDeleteMessage did with each handle it could not delete, by handle. */
    public record DeleteFailure(String receiptHandle, String errorCode, String message) {

        /**
         * The receipt no longer works (the message became visible again, and may have been received elsewhere), or
         * the message is gone already: nothing to do, the message comes back or was deleted by another receipt.
         */
        public boolean isExpired() {
            return "ReceiptHandleError".equals(errorCode) || "MessageNotExist".equals(errorCode);
        }
    }

    /**
     * Deletes up to 16 messages by their receipt handles; answers the handles that could not be deleted (none when
     * all were), throws only when the call itself failed.
     */
    public List<DeleteFailure> delete(List<String> receiptHandles) {
        if (receiptHandles.isEmpty()) {
            return List.of();
        }
        if (receiptHandles.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " receipt handles per call");
        }
        byte[] body = MnsXml.receiptHandles(receiptHandles).getBytes(StandardCharsets.UTF_8);
        Answer answer = call("DELETE", "/queues/" + queue + "/messages", body, Duration.ZERO);
        if (answer.status() == 204 || answer.status() == 200) {
            return List.of();
        }
        if (answer.document() != null && "Errors".equals(answer.document().root())) {
            List<DeleteFailure> failures = new ArrayList<>();
            for (Map<String, String> error : answer.document().records()) {
                failures.add(new DeleteFailure(error.get("ReceiptHandle"), error.get("ErrorCode"),
                        error.get("ErrorMessage")));
            }
            return failures;
        }
        if (answer.document() != null && receiptHandles.size() == 1
            && ("ReceiptHandleError".equals(answer.errorCode()) || "MessageNotExist".equals(answer.errorCode()))) {
            return List.of(new DeleteFailure(receiptHandles.get(0), answer.errorCode(), null));
        }
        throw answer.failure(queue);
    }

    /** One answer: its status and parsed XML ({@code null} when it had no body). */
    private record Answer(int status, MnsXml.Document document) {

        String errorCode() {
            return document == null || !"Error".equals(document.root()) ? null : document.leaves().get("Code");
        }

        MnsException failure(String queue) {
            String code = errorCode();
            String requestId = document == null ? null : document.leaves().get("RequestId");
            String message = document == null ? null : document.leaves().get("Message");
            return new MnsException(queue, code != null ? code : "HTTP" + status, status, requestId, message, null);
        }
    }

    /** Sends one call, retrying what is worth it; a closed client throws at once. */
    private Answer call(String verb, String resource, byte[] body, Duration wait) {
        int attempt = 0;
        while (true) {
            MnsException failure;
            try {
                Answer answer = send(verb, resource, body, wait);
                MnsException error = answer.status() >= 500 || answer.status() == 429 ? answer.failure(queue) : null;
                if (error == null && answer.errorCode() != null && answer.failure(queue).isRetryable()) {
                    error = answer.failure(queue);
                }
                if (error == null) {
                    return answer;
                }
                failure = error;
            } catch (MnsException e) {
                failure = e;
            }
            if (closed || !failure.isRetryable() || attempt >= retries.maxRetries()) {
                throw failure;
            }
            attempt++;
            try {
                Thread.sleep(retries.delayMillis(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private Answer send(String verb, String resource, byte[] body, Duration wait) {
        if (closed) {
            throw new MnsException(queue, MnsException.CODE_IO_ERROR, 0, null, "the client is closed", null);
        }
        AlibabaCloudCredentials keys = credentials.credentials();
        String date = HTTP_DATE.format(clock.instant());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Date", date);
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("x-mns-version", API_VERSION);
        String toSign = MnsSignature.stringToSign(verb, "", CONTENT_TYPE, date, headers, resource);
        headers.put("Authorization", MnsSignature.authorization(keys.accessKeyId(),
                MnsSignature.sign(keys.accessKeySecret(), toSign)));
        if (keys.securityToken() != null) {
            headers.put(SECURITY_TOKEN_HEADER, keys.securityToken());
        }
        URI uri = URI.create(endpoint + resource);
        HttpUriRequestBase request = "GET".equals(verb) ? new HttpGet(uri) : new HttpDelete(uri);
        headers.forEach(request::setHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, ContentType.parse(CONTENT_TYPE)));
        }
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(wait.plus(requestTimeout)))
                .build());
        inFlight.set(request);
        calls.incrementAndGet();
        try {
            return http.execute(request, response -> {
                byte[] bytes = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                MnsXml.Document document = null;
                if (bytes.length > 0) {
                    try {
                        document = MnsXml.parse(bytes);
                    } catch (XMLStreamException e) {
                        throw new MnsException(queue, MnsException.CODE_MALFORMED_RESPONSE, response.getCode(), null,
                                "the answer is not XML", e);
                    }
                }
                return new Answer(response.getCode(), document);
            });
        } catch (IOException e) {
            throw new MnsException(queue, MnsException.CODE_IO_ERROR, 0, null,
                    closed ? "the client was closed" : "no answer from " + endpoint + " (" + e + ")", e);
        } finally {
            inFlight.compareAndSet(request, null);
        }
    }

    /** Ends the call in progress (a long poll) and the connections. */
    @Override
    public void close() {
        closed = true;
        HttpUriRequestBase running = inFlight.get();
        if (running != null) {
            running.cancel();
        }
        http.close(CloseMode.IMMEDIATE);
        connections.close(CloseMode.IMMEDIATE);
    }
}
