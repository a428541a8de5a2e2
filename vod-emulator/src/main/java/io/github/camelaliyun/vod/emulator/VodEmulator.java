package io.github.camelaliyun.vod.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * A local ApsaraVideo VOD on loopback for tests and demos. It answers {@code ListAIJob} as the service does (RPC-style
 * POST, parameters in the query), checks both signature kinds, the timestamp and nonce reuse against the credentials
 * it was given, runs each job through {@code init -> Processing -> success|fail} on the schedule set for it, injects
 * {@link Faults} on demand and keeps {@link EmulatorStats}.
 *
 * <pre>
 * VodEmulator emulator = VodEmulator.start();          // random port, demo credentials
 * emulator.addJob(EmulatedJob.builder("job-1").finishAfter(Duration.ofSeconds(2)).build());
 * String endpoint = emulator.url();                     // set as the endpoint option
 * </pre>
 */
public final class VodEmulator implements AutoCloseable {

    /** Credentials every emulator accepts unless told otherwise. */
    public static final String DEMO_ACCESS_KEY_ID = "emulator-access-key-id";
    public static final String DEMO_ACCESS_KEY_SECRET = "emulator-access-key-secret";
    public static final String API_VERSION = "2017-03-21";
    public static final String ACTION_LIST_AI_JOB = "ListAIJob";
    public static final String ACTION_SUBMIT_AI_JOB = "SubmitAIJob";
    public static final String ACTION_SET_MESSAGE_CALLBACK = "SetMessageCallback";
    public static final int MAX_JOB_IDS = ListAiJobAction.MAX_JOB_IDS;


    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackHttpServer server;
    private final RequestVerifier verifier;
    private final Map<String, ListAiJobReply.StoredJob> jobs = new ConcurrentHashMap<>();
    private final Faults faults = new Faults();
    private final EmulatorStats stats = new EmulatorStats();
    private volatile ResponseShape shape = ResponseShape.WRAPPED;
    private volatile Duration clockOffset = Duration.ZERO;
    private final SubmitAiJobAction submitAiJob = new SubmitAiJobAction();
    private final ListAiJobAction listAiJob = new ListAiJobAction(stats);
    private final LinkedHashSet<String> accessKeyIdsSeen = new LinkedHashSet<>();
    private volatile String region = "cn-shanghai";
    private volatile SubmittedJobFactory submittedJobs = SubmittedJobFactory.finishingAfterOneSecond();
    private final EventSender events = new EventSender(this::now);
    private volatile EventCallbacks callbacks;
    /** The EventTypeList of the last SetMessageCallback; null (the Java API) is every event. */
    private volatile java.util.Set<String> callbackEventTypes;
    private final SetMessageCallbackAction setMessageCallback = new SetMessageCallbackAction();
    /** The MNS emulator that SetMessageCallback with CallbackType MNS may point at. */
    private volatile MnsEmulator mns;
    /** The queue of that MNS emulator the events go to, when the callback is MNS. */
    private volatile String mnsQueue;

    private VodEmulator(int port) throws IOException {
        this.verifier = new RequestVerifier(this::now);
        verifier.addKey(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, null);
        this.server = LoopbackHttpServer.start(port, 128, "vod-emulator", this::handle);
    }

    /** Starts an emulator on a free loopback port. */
    public static VodEmulator start() {
        return start(0);
    }

    /** Starts an emulator on the given loopback port (0 for any free one). */
    public static VodEmulator start(int port) {
        try {
            return new VodEmulator(port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the VOD emulator on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The URL to use as the client's endpoint, such as {@code http://127.0.0.1:40123}. */
    public String url() {
        return server.url();
    }

    public URI uri() {
        return URI.create(url());
    }

    public int port() {
        return server.port();
    }

    /** Accepts another long-term access key. */
    public VodEmulator addCredentials(String accessKeyId, String accessKeySecret) {
        verifier.addKey(accessKeyId, accessKeySecret, null);
        return this;
    }

    /** Accepts a temporary (STS) access key, which must come with this security token. */
    public VodEmulator addStsCredentials(String accessKeyId, String accessKeySecret, String securityToken) {
        verifier.addKey(accessKeyId, accessKeySecret, securityToken);
        return this;
    }

    /**
     * Accepts a temporary (STS) access key with its security token until {@code expiration}; afterwards calls signed
     * with it are refused with {@code InvalidSecurityToken.Expired}, as the service does.
     */
    public VodEmulator addStsCredentials(String accessKeyId, String accessKeySecret, String securityToken,
                                         Instant expiration) {
        verifier.addKey(accessKeyId, accessKeySecret, securityToken, expiration);
        return this;
    }

    /** The access key ids of the calls that passed verification (key, signature and token), in first-seen order. */
    public List<String> accessKeyIdsSeen() {
        synchronized (accessKeyIdsSeen) {
            return List.copyOf(accessKeyIdsSeen);
        }
    }

    /** Adds a job, whose schedule starts now; replaces a job with the same id. */
    public VodEmulator addJob(EmulatedJob job) {
        Instant created = now();
        jobs.put(job.jobId(), new ListAiJobReply.StoredJob(job, created));
        EventCallbacks target = callbacks;
        boolean on = SetMessageCallbackAction.enabled(callbackEventTypes, EventSender.eventType(job));
        events.jobAdded(job, created, on ? target : null);
        String queue = mnsQueue;
        MnsEmulator queues = mns;
        if (on && queue != null && queues != null) {
            events.jobAddedToQueue(job, created, queues, queue);
        }
        return this;
    }

    /**
     * The MNS emulator that SetMessageCallback may name (CallbackType MNS, MnsEndpoint its {@link MnsEmulator#url()}):
     * VOD then writes the event of each job added afterwards into the queue MnsQueueName, when the job finishes.
     */
    public VodEmulator mns(MnsEmulator emulator) {
        this.mns = emulator;
        return this;
    }

    /** Writes the events of the jobs added from now on into this queue of the MNS emulator (no HTTP callbacks). */
    public VodEmulator eventsToQueue(MnsEmulator emulator, String queue) {
        synchronized (setMessageCallback) {
            this.mns = emulator;
            this.mnsQueue = queue;
            this.callbacks = null;
            this.callbackEventTypes = null;
        }
        return this;
    }

    /** The MNS queue events are written to, or {@code null} when they are posted over HTTP or not sent. */
    public String eventQueue() {
        return mnsQueue;
    }

    /** Events VOD wrote into an MNS queue (copies of the MNS emulator's faults not counted). */
    public long eventsQueued() {
        return events.queued();
    }

    /**
     * Posts a signed event when each job added from now on finishes, as VOD does once SetMessageCallback is set;
     * {@code null} stops. Faults are set on the {@link EventCallbacks}.
     */
    public VodEmulator callbacks(EventCallbacks callbacks) {
        synchronized (setMessageCallback) {
            this.callbacks = callbacks;
            this.callbackEventTypes = null;
            this.mnsQueue = null;
        }
        return this;
    }

    /**
     * Where events go now ({@code null}: nowhere), as set by {@link #callbacks(EventCallbacks)} or by a
     * SetMessageCallback call, which keeps the faults set here and changes the URL and key.
     */
    public EventCallbacks callbacks() {
        return callbacks;
    }

    /** The EventTypeList of the last SetMessageCallback call, or {@code null} after {@link #callbacks(EventCallbacks)}. */
    public java.util.Set<String> callbackEventTypes() {
        return callbackEventTypes;
    }

    /** Events drawn as dropped by {@link EventCallbacks#dropShare()}: never sent. */
    public long eventsDropped() {
        return events.dropped();
    }

    /** Event POSTs made, copies and retries included. */
    public long eventsPosted() {
        return events.posted();
    }

    /** Event POSTs answered with this HTTP status (-1: no answer). */
    public long eventsAnswered(int status) {
        return events.answered(status);
    }

    public VodEmulator addJobs(Iterable<EmulatedJob> toAdd) {
        toAdd.forEach(this::addJob);
        return this;
    }

    public boolean removeJob(String jobId) {
        return jobs.remove(jobId) != null;
    }

    public int jobCount() {
        return jobs.size();
    }

    public Faults faults() {
        return faults;
    }

    public EmulatorStats stats() {
        return stats;
    }

    /** How ListAIJob replies put their lists; {@link ResponseShape#WRAPPED}, as the live service does, by default. */
    public VodEmulator responseShape(ResponseShape shape) {
        this.shape = shape;
        return this;
    }

    /** The region this emulator plays (cn-shanghai by default); smart tagging is refused outside cn-beijing/cn-shanghai. */
    public VodEmulator region(String region) {
        this.region = region;
        return this;
    }

    /** How jobs created by SubmitAIJob behave; by default they succeed a second after they are submitted. */
    public VodEmulator onSubmit(SubmittedJobFactory factory) {
        this.submittedJobs = factory;
        return this;
    }

    /** Moves the emulator's clock, to test timestamps the service would refuse. */
    public VodEmulator clockOffset(Duration offset) {
        this.clockOffset = offset;
        return this;
    }

    /**
     * Forgets jobs, faults, counters, used nonces, clock offset, shape and event callbacks (events not sent yet are
     * not sent); keeps the credentials and the port.
     */
    public void reset() {
        jobs.clear();
        faults.clear();
        stats.reset();
        verifier.forgetNonces();
        shape = ResponseShape.WRAPPED;
        clockOffset = Duration.ZERO;
        region = "cn-shanghai";
        submittedJobs = SubmittedJobFactory.finishingAfterOneSecond();
        submitAiJob.reset();
        callbacks = null;
        callbackEventTypes = null;
        mnsQueue = null;
        events.reset();
        synchronized (accessKeyIdsSeen) {
            accessKeyIdsSeen.clear();
        }
    }

    @Override
    public void close() {
        events.close();
        server.close();
    }

    private Instant now() {
        return Instant.now().plus(clockOffset);
    }

    /** A reply decided but not yet sent: a status and a body, or a connection to drop mid-reply. */
    private record Reply(int status, byte[] body, boolean drop) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        stats.requestStarted();
        Reply reply;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            sleep(faults.latency());
            reply = reply(exchange, body);
        } finally {
            // counted out before the reply goes: a client that got its reply may send the next call at once, and
            // must not find this one still counted as in flight
            stats.requestEnded();
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            if (reply.drop()) {
                // promise a body, send part of it, and fail: the server closes the connection mid-reply
                exchange.sendResponseHeaders(200, 1024);
                OutputStream out = exchange.getResponseBody();
                out.write(reply.body());
                out.flush();
                throw new IOException("connection dropped on purpose");
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    private Reply reply(HttpExchange exchange, byte[] body) {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        try {
            Map<String, String> headers = lowerCaseHeaders(exchange);
            SortedMap<String, String> query = FormParams.parse(exchange.getRequestURI().getRawQuery());
            SortedMap<String, String> params = new TreeMap<>(query);
            String contentType = headers.getOrDefault("content-type", "");
            if (contentType.startsWith("application/x-www-form-urlencoded")) {
                // RPC calls may carry their parameters in a form body instead of the query; both are signed alike
                params.putAll(FormParams.parse(new String(body, StandardCharsets.UTF_8)));
            }
            VerifiedCall call = verifier.verify(exchange.getRequestMethod(), params, query, headers, body);
            stats.verifiedCall(call.action());
            synchronized (accessKeyIdsSeen) {
                accessKeyIdsSeen.add(call.accessKeyId());
            }
            Reply fault = injectFault(requestId);
            return fault != null ? fault : new Reply(200, answer(call, requestId), false);
        } catch (Rejection rejection) {
            return error(rejection.error(), requestId);
        }
    }

    private byte[] answer(VerifiedCall call, String requestId) {
        if (!API_VERSION.equals(call.version())) {
            throw new Rejection(new ApiError(400, "InvalidVersion", "Specified parameter Version is not valid."));
        }
        if (ACTION_SUBMIT_AI_JOB.equals(call.action())) {
            byte[] answer = submitAiJob.answer(call, requestId, region, submittedJobs, this::addJob);
            stats.jobsSubmitted(call.params().get("MediaId"));
            return answer;
        }
        if (ACTION_SET_MESSAGE_CALLBACK.equals(call.action())) {
            synchronized (setMessageCallback) {
                SetMessageCallbackAction.Settings set = setMessageCallback.answer(call, callbacks, mns);
                callbacks = set.callbacks();
                mnsQueue = set.mnsQueue();
                callbackEventTypes = set.eventTypes();
            }
            return ("{\"RequestId\":\"" + requestId + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        if (!ACTION_LIST_AI_JOB.equals(call.action())) {
            throw new Rejection(ApiError.unknownAction(call.action()));
        }
        return listAiJob.answer(call, requestId, jobs, shape, now());
    }

    /** The reply a fault calls for, or {@code null} to answer normally (after a delay, for {@link Fault#SLOW}). */
    private Reply injectFault(String requestId) {
        Fault fault = faults.pick();
        if (fault == null) {
            return null;
        }
        switch (fault) {
            case THROTTLE:
                return error(ApiError.throttled(), requestId);
            case SERVER_ERROR:
                return error(ApiError.internalError(), requestId);
            case MALFORMED_JSON:
                return new Reply(200, ("{\"RequestId\":\"" + requestId + "\",\"AIJobList\":{\"AIJob\":[{\"JobId\":")
                        .getBytes(StandardCharsets.UTF_8), false);
            case DROP_CONNECTION:
                return new Reply(200, "{\"RequestId\":".getBytes(StandardCharsets.UTF_8), true);
            case SLOW:
                sleep(faults.slowDelay());
                return null;
            default:
                throw new IllegalStateException("Unknown fault " + fault);
        }
    }

    private Reply error(ApiError error, String requestId) {
        stats.error(error.code());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("HostId", "vod.emulator.local");
        body.put("Code", error.code());
        body.put("Message", error.message());
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + error.code() + "&product=vod");
        try {
            return new Reply(error.httpStatus(), JSON.writeValueAsBytes(body), false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }



    private static Map<String, String> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        return headers;
    }

    private static void sleep(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
