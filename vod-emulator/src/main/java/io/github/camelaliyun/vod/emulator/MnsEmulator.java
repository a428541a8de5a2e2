package io.github.camelaliyun.vod.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.sun.net.httpserver.HttpExchange;

/**
 * A local MNS (Simple Message Queue) on loopback, for VOD's events written into a queue: BatchReceiveMessage
 * ({@code GET /queues/{q}/messages?numOfMessages=&waitseconds=}, long polling), BatchDeleteMessage
 * ({@code DELETE /queues/{q}/messages}), the MNS signature ({@code Authorization: MNS id:signature}, HMAC-SHA1 over
 * verb, Content-MD5, Content-Type, Date, the x-mns-* headers and the resource; checked with this class's own copy of
 * the algorithm), the {@code security-token} of STS keys, a Date within 15 minutes, visibility timeouts and receipt
 * handles (a message not deleted comes back). Faults: every message sent twice, sent late, handed out in reverse order,
 * a share of calls throttled, access denied for a key.
 *
 * <pre>
 * MnsEmulator mns = MnsEmulator.start();
 * mns.createQueue("vod-events", Duration.ofSeconds(30));
 * vod.mns(mns);   // SetMessageCallback with CallbackType MNS and MnsEndpoint mns.url() writes the events here
 * </pre>
 */
public final class MnsEmulator implements AutoCloseable {

    static final String API_VERSION = "2015-06-06";
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    private static final String NS = "http://mns.aliyuncs.com/doc/v1/";
    private static final Pattern RESOURCE = Pattern.compile("/queues/([^/?]+)/messages");
    private static final Pattern AUTHORIZATION = Pattern.compile("MNS ([^:]+):(\\S+)");

    private record Key(String secret, String securityToken) {
    }

    private final LoopbackHttpServer server;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, EmulatedQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private volatile int copies = 1;
    private volatile Duration sendDelay = Duration.ZERO;
    private volatile boolean outOfOrder;
    private volatile double throttleShare;
    private final java.util.concurrent.atomic.AtomicInteger throttleNext = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean base64Bodies;
    private volatile boolean holdDeletes;
    private final Object deleteGate = new Object();
    private volatile Duration clockOffset = Duration.ZERO;

    private MnsEmulator(int port) throws IOException {
        keys.put(VodEmulator.DEMO_ACCESS_KEY_ID, new Key(VodEmulator.DEMO_ACCESS_KEY_SECRET, null));
        server = LoopbackHttpServer.start(port, 64, "mns-emulator", this::handle);
    }

    public static MnsEmulator start() {
        try {
            return new MnsEmulator(0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the MNS emulator: " + e.getMessage(), e);
        }
    }

    /** The endpoint, such as {@code http://127.0.0.1:40123}: what eventQueueEndpoint and MnsEndpoint take. */
    public String url() {
        return server.url();
    }

    /** Whether {@code endpoint} (with or without a trailing slash) is this emulator's. */
    boolean isEndpoint(String endpoint) {
        try {
            URI uri = URI.create(endpoint.strip());
            return ("http://" + uri.getRawAuthority()).equals(url());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public MnsEmulator createQueue(String name, Duration visibilityTimeout) {
        queues.put(name, new EmulatedQueue(name, visibilityTimeout, this::now));
        return this;
    }

    public boolean deleteQueue(String name) {
        return queues.remove(name) != null;
    }

    public MnsEmulator addCredentials(String accessKeyId, String secret) {
        keys.put(accessKeyId, new Key(secret, null));
        return this;
    }

    /** A temporary key, whose calls must carry this security token. */
    public MnsEmulator addStsCredentials(String accessKeyId, String secret, String securityToken) {
        keys.put(accessKeyId, new Key(secret, securityToken));
        return this;
    }

    /** Calls signed with this key are refused with AccessDenied (403): a RAM user without the queue's permissions. */
    public MnsEmulator denyAccess(String accessKeyId) {
        denied.add(accessKeyId);
        return this;
    }

    public MnsEmulator allowAccess(String accessKeyId) {
        denied.remove(accessKeyId);
        return this;
    }

    /**
     * Sends a message, as VOD or another producer does (with the faults: copies, delay; Base64 when set);
     * answers its id, or {@code null} when the queue does not exist.
     */
    public String send(String queue, String body) {
        EmulatedQueue q = queues.get(queue);
        if (q == null) {
            countOne("sendsToMissingQueue");
            return null;
        }
        String written = base64Bodies ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                : body;
        String id = null;
        for (int i = 0; i < copies; i++) {
            id = q.send(written, sendDelay);
            countOne("sent");
        }
        return id;
    }

    /** Sends the message as it is: no copies, no delay, no encoding (a poison message, say). */
    public String sendRaw(String queue, String body) {
        EmulatedQueue q = queues.get(queue);
        if (q == null) {
            return null;
        }
        countOne("sent");
        return q.send(body, Duration.ZERO);
    }

    /** Each message sent {@code n} times (2: VOD's duplicate). */
    public MnsEmulator copies(int n) {
        this.copies = n;
        return this;
    }

    /** Each message visible only this long after it is sent. */
    public MnsEmulator sendDelay(Duration delay) {
        this.sendDelay = delay;
        return this;
    }

    /** Each receive hands out its messages newest first. */
    public MnsEmulator outOfOrder(boolean on) {
        this.outOfOrder = on;
        return this;
    }

    /** This share of calls (0 to 1) is answered 503 ServiceUnavailable, as when MNS throttles. */
    public MnsEmulator throttle(double share) {
        this.throttleShare = share;
        return this;
    }

    /** The next {@code n} calls are answered 503 ServiceUnavailable, whatever {@link #throttle(double)} says. */
    public MnsEmulator throttleNext(int n) {
        throttleNext.set(n);
        return this;
    }

    /**
     * BatchDeleteMessage calls wait, unanswered, while this is on; released, they are answered 503 and delete nothing:
     * a node that dies between its receive and its delete.
     */
    public MnsEmulator holdDeletes(boolean on) {
        synchronized (deleteGate) {
            holdDeletes = on;
            deleteGate.notifyAll();
        }
        return this;
    }

    /** Messages are written as the Base64 of their body (as the MNS SDKs do by default). */
    public MnsEmulator base64Bodies(boolean on) {
        this.base64Bodies = on;
        return this;
    }

    public MnsEmulator clockOffset(Duration offset) {
        this.clockOffset = offset;
        return this;
    }

    /** The messages in a queue, visible or not (0 for a queue that does not exist). */
    public int messages(String queue) {
        EmulatedQueue q = queues.get(queue);
        return q == null ? 0 : q.size();
    }

    /**
     * A count: {@code receives} (calls answered), {@code received} (messages handed out), {@code deletes} (calls),
     * {@code deleted} (messages), {@code deleteErrors}, {@code sent}, {@code sendsToMissingQueue}, {@code refused}
     * (signature, key, token, date), {@code throttled}, {@code denied}, {@code queueNotExist}.
     */
    public long count(String name) {
        AtomicLong n = counters.get(name);
        return n == null ? 0 : n.get();
    }

    private void increment(String name, long by) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(by);
    }

    private void countOne(String name) {
        increment(name, 1);
    }

    /** Forgets the queues, faults, counters, denied keys and clock offset; keeps the credentials and the port. */
    public void reset() {
        queues.clear();
        counters.clear();
        denied.clear();
        copies = 1;
        sendDelay = Duration.ZERO;
        outOfOrder = false;
        throttleShare = 0;
        throttleNext.set(0);
        base64Bodies = false;
        holdDeletes(false);
        clockOffset = Duration.ZERO;
    }

    @Override
    public void close() {
        holdDeletes(false);
        server.close();
    }

    private Instant now() {
        return Instant.now().plus(clockOffset);
    }

    private record Reply(int status, String body) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            reply = reply(exchange, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = error(500, "InternalError", "stopping");
        }
        try (exchange) {
            exchange.getResponseHeaders().set("x-mns-request-id", UUID.randomUUID().toString().replace("-", ""));
            exchange.getResponseHeaders().set("x-mns-version", API_VERSION);
            if (reply.body() == null) {
                exchange.sendResponseHeaders(reply.status(), -1);
                return;
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Reply reply(HttpExchange exchange, byte[] body) throws InterruptedException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String resource = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        String refusal = authenticate(method, headers, resource, body);
        if (refusal != null) {
            countOne("refused");
            return refusal.startsWith("AccessDenied") ? error(403, "AccessDenied", "denied on purpose")
                    : error(refusal.startsWith("TimeExpired") ? 400 : 403, refusal.split(":")[0], refusal);
        }
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0
            || throttleShare > 0 && ThreadLocalRandom.current().nextDouble() < throttleShare) {
            countOne("throttled");
            return error(503, "ServiceUnavailable", "Service is temporarily unavailable, try again later");
        }
        Matcher m = RESOURCE.matcher(uri.getRawPath());
        if (!m.matches()) {
            return error(404, "InvalidArgument", "no such resource");
        }
        EmulatedQueue queue = queues.get(m.group(1));
        if (queue == null) {
            countOne("queueNotExist");
            return error(404, "QueueNotExist", "The queue name you provided is not exist.");
        }
        if ("GET".equals(method)) {
            return receive(queue, FormParams.parse(uri.getRawQuery()));
        }
        if ("DELETE".equals(method)) {
            synchronized (deleteGate) {
                if (holdDeletes) {
                    countOne("heldDeletes");
                    while (holdDeletes) {
                        deleteGate.wait(100);
                    }
                    return error(503, "ServiceUnavailable", "held on purpose: nothing deleted");
                }
            }
            return delete(queue, body);
        }
        return error(405, "InvalidArgument", "only BatchReceiveMessage and BatchDeleteMessage are emulated");
    }

    private Reply receive(EmulatedQueue queue, Map<String, String> query) throws InterruptedException {
        int max;
        int wait;
        try {
            max = Integer.parseInt(query.getOrDefault("numOfMessages", "1"));
            wait = Integer.parseInt(query.getOrDefault("waitseconds", "0"));
        } catch (NumberFormatException e) {
            return error(400, "InvalidArgument", "numOfMessages and waitseconds are numbers");
        }
        if (max < 1 || max > 16 || wait < 0 || wait > 30) {
            return error(400, "InvalidArgument", "The value of numOfMessages should between 1 and 16, waitseconds"
                                                 + " between 0 and 30.");
        }
        List<EmulatedQueue.Received> got = queue.receive(max, Duration.ofSeconds(wait), outOfOrder);
        countOne("receives");
        if (got.isEmpty()) {
            return error(404, "MessageNotExist", "Message not exist.");
        }
        increment("received", got.size());
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Messages xmlns=\"")
                .append(NS).append("\">");
        for (EmulatedQueue.Received r : got) {
            xml.append("<Message>")
                    .append(element("MessageId", r.messageId()))
                    .append(element("ReceiptHandle", r.receiptHandle()))
                    .append(element("MessageBodyMD5", md5Hex(r.body())))
                    .append(element("MessageBody", r.body()))
                    .append(element("EnqueueTime", String.valueOf(r.enqueued().toEpochMilli())))
                    .append(element("NextVisibleTime", String.valueOf(r.nextVisible().toEpochMilli())))
                    .append(element("FirstDequeueTime", String.valueOf(r.firstDequeued().toEpochMilli())))
                    .append(element("DequeueCount", String.valueOf(r.dequeueCount())))
                    .append(element("Priority", "8"))
                    .append("</Message>");
        }
        return new Reply(200, xml.append("</Messages>").toString());
    }

    private Reply delete(EmulatedQueue queue, byte[] body) {
        List<String> handles;
        try {
            handles = receiptHandles(body);
        } catch (XMLStreamException e) {
            return error(400, "InvalidArgument", "the body is not <ReceiptHandles> XML");
        }
        if (handles.isEmpty() || handles.size() > 16) {
            return error(400, "InvalidArgument", "1 to 16 ReceiptHandle elements");
        }
        countOne("deletes");
        List<String[]> errors = new ArrayList<>();
        for (String handle : handles) {
            String code = queue.delete(handle);
            if (code == null) {
                countOne("deleted");
            } else {
                countOne("deleteErrors");
                errors.add(new String[] { handle, code });
            }
        }
        if (errors.isEmpty()) {
            return new Reply(204, null);
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Errors xmlns=\"")
                .append(NS).append("\">");
        for (String[] e : errors) {
            xml.append("<Error>").append(element("ErrorCode", e[1]))
                    .append(element("ErrorMessage", "The receipt handle you provide is not valid."))
                    .append(element("ReceiptHandle", e[0])).append("</Error>");
        }
        return new Reply(404, xml.append("</Errors>").toString());
    }

    /** Why the call is refused (code first), or null: key, token, date, version and signature. */
    private String authenticate(String method, Map<String, String> headers, String resource, byte[] body) {
        String authorization = headers.get("authorization");
        Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization.strip());
        if (m == null || !m.matches()) {
            return "InvalidAuthorizationHeader: expected Authorization: MNS AccessKeyId:Signature";
        }
        Key key = keys.get(m.group(1));
        if (key == null) {
            return "InvalidAccessKeyId: unknown access key";
        }
        if (!API_VERSION.equals(headers.get("x-mns-version"))) {
            return "InvalidArgument: x-mns-version must be " + API_VERSION;
        }
        if (key.securityToken() != null && !key.securityToken().equals(headers.get("security-token"))) {
            return "InvalidAccessKeyId: a temporary key without its security-token";
        }
        String date = headers.get("date");
        try {
            Instant sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            if (Duration.between(sent, now()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
                return "TimeExpired: the Date is more than 15 minutes away";
            }
        } catch (DateTimeParseException | NullPointerException e) {
            return "InvalidArgument: Date is missing or not an RFC 1123 date";
        }
        String contentMd5 = headers.getOrDefault("content-md5", "");
        if (!contentMd5.isEmpty() && !contentMd5.equals(Base64.getEncoder().encodeToString(md5(body)))
            && !contentMd5.equalsIgnoreCase(hex(md5(body)))) {
            return "InvalidArgument: Content-MD5 does not match the body";
        }
        StringBuilder toSign = new StringBuilder(method).append('\n').append(contentMd5).append('\n')
                .append(headers.getOrDefault("content-type", "")).append('\n').append(date).append('\n');
        headers.forEach((name, value) -> {
            if (name.startsWith("x-mns-")) {
                toSign.append(name).append(':').append(value.strip()).append('\n');
            }
        });
        toSign.append(resource);
        String expected = hmacSha1(key.secret(), toSign.toString());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                m.group(2).getBytes(StandardCharsets.US_ASCII))) {
            return "SignatureDoesNotMatch: the signature does not match";
        }
        if (denied.contains(m.group(1))) {
            countOne("denied");
            return "AccessDenied: denied";
        }
        return null;
    }

    static String hmacSha1(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> receiptHandles(byte[] body) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
        List<String> handles = new ArrayList<>();
        StringBuilder text = null;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT && "ReceiptHandle".equals(reader.getLocalName())) {
                text = new StringBuilder();
            } else if (event == XMLStreamConstants.CHARACTERS && text != null) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT && "ReceiptHandle".equals(reader.getLocalName())) {
                handles.add(text.toString().strip());
                text = null;
            }
        }
        return handles;
    }

    private Reply error(int status, String code, String message) {
        return new Reply(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error xmlns=\"" + NS + "\">"
                                 + element("Code", code) + element("Message", message)
                                 + element("RequestId", UUID.randomUUID().toString().replace("-", ""))
                                 + element("HostId", url()) + "</Error>");
    }

    private static String element(String name, String text) {
        return "<" + name + ">" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</"
               + name + ">";
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5Hex(String text) {
        return hex(md5(text.getBytes(StandardCharsets.UTF_8))).toUpperCase(Locale.ROOT);
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "MnsEmulator[" + url() + ", queues=" + queues.keySet() + "]";
    }
}
