package io.github.camelaliyun.vod.aijob.events;

import io.github.camelaliyun.vod.aijob.VodAiJobConfiguration;
import io.github.camelaliyun.vod.aijob.VodAiJobConstants;
import io.github.camelaliyun.vod.aijob.VodAiJobEndpoint;
import io.github.camelaliyun.vod.aijob.label.AiJobLabel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelaliyun.vod.aijob.client.VodApi;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;

/**
 * {@code operation=vodEvent}: one of VOD's event callbacks, as any Camel HTTP consumer hands it over (body and
 * headers). VOD signs the URL it posts to, not the body: {@code X-VOD-SIGNATURE} is the lower-case hex MD5 of
 * {@code callbackUrl|X-VOD-TIMESTAMP|authKey}. So a valid event only makes its job due now; the consumer then asks the
 * service (ListAIJob) before it emits, and a forged, replayed or duplicated event cannot inject a result, at worst
 * cause one more lookup. The answer is the HTTP response code of the exchange: 200 recorded (or not an AI job event,
 * which VOD must not send again), 401 missing or wrong signature or a timestamp outside the window, 413 a body over
 * the limit, 400 a body that is not an event. A refused request changes nothing.
 */
public final class VodEventReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(VodEventReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String TIMESTAMP_HEADER = "X-VOD-TIMESTAMP";
    public static final String SIGNATURE_HEADER = "X-VOD-SIGNATURE";

    private VodEventReceiver() {
    }

    /** Refuses a vodEvent endpoint without the two options it cannot verify events without. */
    public static void checkOptions(String callbackUrl, String authKey) {
        if (callbackUrl == null || callbackUrl.isBlank()) {
            throw new IllegalArgumentException("operation=vodEvent needs the callbackUrl option: the URL exactly as"
                                               + " configured in VOD (SetMessageCallback's CallbackURL), which VOD"
                                               + " signs");
        }
        if (authKey == null || authKey.isEmpty()) {
            throw new IllegalArgumentException("operation=vodEvent needs the authKey option: the AuthKey set"
                                               + " in VOD with SetMessageCallback (AuthSwitch on); unsigned events"
                                               + " are not accepted");
        }
    }

    /** Verifies and records one event; sets the HTTP response code and a short text body. */
    public static void receive(VodAiJobEndpoint endpoint, Exchange exchange) {
        VodAiJobConfiguration conf = endpoint.getConfiguration();
        checkOptions(conf.getCallbackUrl(), conf.getAuthKey());
        Message message = exchange.getMessage();
        String label = endpoint.getLabel();
        LabelStatistics statistics = endpoint.statistics();
        String refusal = signatureProblem(message, conf, Instant.now());
        if (refusal != null) {
            LOG.warn("aivod-aijob:{}: refused a VOD event (401): {}", label, refusal);
            // the reason is for the log, not for an unauthenticated caller
            answer(statistics, message, 401, "refused");
            return;
        }
        byte[] body;
        try {
            body = readBody(message, conf.getCallbackMaxBodySize());
        } catch (IOException e) {
            answer(statistics, message, 400, "unreadable body");
            return;
        }
        if (body == null) {
            LOG.warn("aivod-aijob:{}: refused a VOD event (413): body over callbackMaxBodySize={} bytes", label,
                    conf.getCallbackMaxBodySize());
            answer(statistics, message, 413, "body too large");
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            event = null;
        } catch (IOException e) {
            event = null;
        }
        if (event == null || !event.isObject() || !event.path("EventType").isTextual()) {
            LOG.warn("aivod-aijob:{}: refused a VOD event (400): the body is not a JSON object with an EventType",
                    label);
            answer(statistics, message, 400, "not a VOD event");
            return;
        }
        String type = event.get("EventType").asText();
        if (!VodApi.AI_JOB_EVENTS.contains(type)) {
            // VOD sends every configured event type to one URL: acknowledge, or it sends it again
            LOG.debug("aivod-aijob:{}: ignored a VOD event of type {} (not an AI job event)", label, type);
            answer(statistics, message, 200, "ignored: not an AI job event");
            return;
        }
        String jobId = event.path("JobId").asText("");
        if (jobId.isBlank()) {
            LOG.warn("aivod-aijob:{}: refused a {} event (400): it has no JobId", label, type);
            answer(statistics, message, 400, "no JobId");
            return;
        }
        message.setHeader(VodAiJobConstants.JOB_ID, jobId);
        AiJobLabel jobs = endpoint.label();
        switch (jobs.jobFinished(jobId, conf.isCallbackTrackUnknownJobs())) {
            case DUE -> {
                LOG.debug("aivod-aijob:{}: {} event for job {}: due now", label, type, jobId);
                answer(statistics, message, 200, "recorded");
            }
            case DELIVERED_ALREADY -> {
                // VOD's duplicate or retry of an event whose job was delivered: not a job to track again
                LOG.debug("aivod-aijob:{}: ignored a {} event for job {}: delivered already", label, type, jobId);
                answer(statistics, message, 200, "ignored: job delivered already");
            }
            case TRACKED -> {
                LOG.debug("aivod-aijob:{}: {} event for job {}, not tracked before: tracked", label, type, jobId);
                answer(statistics, message, 200, "recorded");
            }
            default -> {
                // remembered (unless the label's bound of early events is reached): tracked within minutes, the job
                // is then due at once
                if (jobs.firstUntrackedEvent()) {
                    // a route given another label than the consumer's would ignore every event, with nothing at INFO
                    LOG.info("aivod-aijob:{}: ignored a {} event for job {}, which this label does not track (the"
                             + " next such events are logged at DEBUG). Expected for the jobs of other applications"
                             + " that share the callback URL; if this application tracks its jobs under another"
                             + " label, give operation=vodEvent that label.", label, type, jobId);
                } else {
                    LOG.debug("aivod-aijob:{}: ignored a {} event for job {}: not tracked by this label", label, type,
                            jobId);
                }
                answer(statistics, message, 200, "ignored: job not tracked");
            }
        }
    }

    /** Why the event's signature headers are not acceptable, or null when they are. */
    public static String signatureProblem(Message message, VodAiJobConfiguration conf, Instant now) {
        String timestamp = message.getHeader(TIMESTAMP_HEADER, String.class);
        String signature = message.getHeader(SIGNATURE_HEADER, String.class);
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return "the " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER + " header is missing (turn AuthSwitch on"
                   + " in VOD's SetMessageCallback)";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return TIMESTAMP_HEADER + " is not a number of seconds";
        }
        long skewMillis = Math.abs(now.toEpochMilli() - seconds * 1000);
        if (seconds < 0 || seconds > Long.MAX_VALUE / 1000 || skewMillis > conf.getCallbackTimestampWindow()) {
            return TIMESTAMP_HEADER + " is more than callbackTimestampWindow=" + conf.getCallbackTimestampWindow()
                   + " ms away from this machine's clock (a replayed event, or a clock off)";
        }
        byte[] expected = sign(conf.getCallbackUrl(), timestamp.trim(), conf.getAuthKey())
                .getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return "wrong " + SIGNATURE_HEADER + " (check that callbackUrl is the CallbackURL exactly as configured"
                   + " in VOD, and authKey its AuthKey)";
        }
        return null;
    }

    /** The lower-case hex MD5 of {@code url|timestamp|authKey}, as VOD signs its events. */
    public static String sign(String callbackUrl, String timestamp, String authKey) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] digest = md5.digest((callbackUrl + "|" + timestamp + "|" + authKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no MD5, which every Java platform must have", e);
        }
    }

    /** The body, or null when it is longer than {@code limit} bytes (read no further than the limit). */
    private static byte[] readBody(Message message, int limit) throws IOException {
        Long declared = message.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > limit) {
            return null;
        }
        Object body = message.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bytes.length > limit ? null : bytes;
        }
        if (body instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return bytes.length > limit ? null : bytes;
        }
        InputStream in = message.getBody(InputStream.class);
        if (in == null) {
            return new byte[0];
        }
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    /** Answers VOD, and counts the request for operators: accepted, ignored (a 200 that changed nothing), refused. */
    private static void answer(LabelStatistics statistics, Message message, int status, String text) {
        if (status != 200) {
            statistics.callbackEventRefused();
        } else if ("recorded".equals(text)) {
            statistics.callbackEventAccepted();
        } else {
            statistics.callbackEventIgnored();
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        message.setBody(text);
    }
}
