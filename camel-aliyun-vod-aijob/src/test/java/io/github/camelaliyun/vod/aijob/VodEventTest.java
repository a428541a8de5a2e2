package io.github.camelaliyun.vod.aijob;

import io.github.camelaliyun.vod.aijob.events.VodEventReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.reliability.LogCapture;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;
import io.github.camelaliyun.vod.aijob.store.ClaimedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code operation=vodEvent} as an HTTP consumer hands a request over (headers and body): the signature, the
 * timestamp window and the body decide the response code, and only a valid AI job event for a tracked job makes it due
 * now. The end to end test with a real HTTP consumer and the emulator posting events is {@link VodEventCallbackTest}.
 */
class VodEventTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final String URL = "https://www.example.com/your/callback";
    private static final String KEY = "test123";
    private static final String EVENTS = "aivod-aijob:ev?operation=vodEvent&callbackUrl=RAW(" + URL
                                         + ")&authKey=RAW(" + KEY + ")";

    private CamelContext camel;
    private ProducerTemplate template;
    private AiJobStore store;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.start();
        template = camel.createProducerTemplate();
        store = camel.getEndpoint("aivod-aijob:ev", VodAiJobEndpoint.class).getJobStore();
        // a job found unfinished an hour from its next check: only an event makes it due sooner
        store.add(List.of("job-1"), Instant.now());
        store.release(store.claim("test", 10, Duration.ofMinutes(1)).get(0), Duration.ofHours(1), false);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void thePublishedSignatureVector() {
        assertThat(VodEventReceiver.sign(URL, "1519375990", KEY)).isEqualTo("c72b60894140fa98920f1279219b7ed4");
    }

    @Test
    void aValidEventMakesItsJobDueNow() {
        Exchange reply = post(signedNow(KEY, URL), event("AIMediaDNAComplete", "job-1"));

        assertThat(status(reply)).isEqualTo(200);
        assertThat(reply.getMessage().getHeader(VodAiJobConstants.JOB_ID)).isEqualTo("job-1");
        assertThat(due()).containsExactly("job-1");
    }

    @Test
    void aWrongKeyOrUrlIsRefusedAndChangesNothing() throws Exception {
        try (LogCapture log = LogCapture.atConfiguredLevels()) {
            assertThat(status(post(signedNow("wrong", URL), event("AIVideoTagComplete", "job-1")))).isEqualTo(401);
            assertThat(status(post(signedNow(KEY, "http://localhost/vod/events"), event("AIVideoTagComplete", "job-1"))))
                    .isEqualTo(401);
            assertThat(due()).isEmpty();
            assertThat(log.text()).contains("wrong X-VOD-SIGNATURE").doesNotContain(KEY + "|").doesNotContain("test123");
        }
    }

    @Test
    void staleAndFutureTimestampsAreRefused() {
        long now = Instant.now().getEpochSecond();
        for (long timestamp : new long[] { now - 301, now + 301, 1519375990L }) {
            Map<String, Object> headers = Map.of("X-VOD-TIMESTAMP", String.valueOf(timestamp),
                    "X-VOD-SIGNATURE", VodEventReceiver.sign(URL, String.valueOf(timestamp), KEY));
            assertThat(status(post(headers, event("AIVideoTagComplete", "job-1")))).as("timestamp %d", timestamp)
                    .isEqualTo(401);
        }
        long edge = now - 290;
        assertThat(status(post(Map.of("X-VOD-TIMESTAMP", String.valueOf(edge), "X-VOD-SIGNATURE",
                VodEventReceiver.sign(URL, String.valueOf(edge), KEY)), event("AIVideoTagComplete", "job-1"))))
                .as("inside the 5 minute window").isEqualTo(200);
    }

    @Test
    void missingHeadersAreRefused() {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        assertThat(status(post(Map.of(), event("AIVideoTagComplete", "job-1")))).isEqualTo(401);
        assertThat(status(post(Map.of("X-VOD-TIMESTAMP", timestamp), event("AIVideoTagComplete", "job-1"))))
                .isEqualTo(401);
        assertThat(status(post(Map.of("X-VOD-SIGNATURE", VodEventReceiver.sign(URL, timestamp, KEY)),
                event("AIVideoTagComplete", "job-1")))).isEqualTo(401);
        assertThat(due()).isEmpty();
    }

    @Test
    void aBodyThatIsNotAnEventIsA400AndAnOversizedOneA413() {
        assertThat(status(post(signedNow(KEY, URL), "this is not JSON"))).isEqualTo(400);
        assertThat(status(post(signedNow(KEY, URL), "[1, 2]"))).isEqualTo(400);
        assertThat(status(post(signedNow(KEY, URL), "{\"EventType\": \"AIVideoTagComplete\"}"))).as("no JobId")
                .isEqualTo(400);
        String padded = event("AIVideoTagComplete", "job-1").replace("}", ", \"Data\": \"" + "x".repeat(70_000) + "\"}");
        assertThat(status(post(signedNow(KEY, URL), padded))).isEqualTo(413);
        assertThat(due()).isEmpty();
    }

    @Test
    void otherEventTypesAndUntrackedJobsAreAcknowledgedAndIgnored() {
        try (LogCapture logs = LogCapture.atConfiguredLevels()) {
            assertThat(status(post(signedNow(KEY, URL), event("TranscodeComplete", "job-1")))).isEqualTo(200);
            assertThat(status(post(signedNow(KEY, URL), event("AIVideoTagComplete", "job-9")))).isEqualTo(200);
            assertThat(status(post(signedNow(KEY, URL), event("AIVideoTagComplete", "job-10")))).isEqualTo(200);

            // a vodEvent route given the wrong label would ignore every event: said once, at INFO
            assertThat(logs.text()).containsOnlyOnce("does not track").contains("job-9").doesNotContain("job-10");
        }
        assertThat(due()).isEmpty();
        assertThat(store.size()).as("job-9 is not tracked by the event").isEqualTo(1);
    }

    @Test
    void callbackTrackUnknownJobsTracksTheJobOfAnEvent() {
        Exchange reply = template.request(EVENTS + "&callbackTrackUnknownJobs=true", e -> {
            e.getMessage().setHeaders(new java.util.HashMap<>(signedNow(KEY, URL)));
            e.getMessage().setBody(event("AIVideoTagComplete", "job-9"));
        });

        assertThat(status(reply)).isEqualTo(200);
        assertThat(due()).containsExactly("job-9");
    }

    @Test
    void anEndpointWithoutItsCallbackOptionsIsRefusedNamingThem() {
        assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:ev?operation=vodEvent&authKey=k"))
                .hasStackTraceContaining("callbackUrl");
        assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:ev?operation=vodEvent&callbackUrl=http://x/cb"))
                .hasStackTraceContaining("authKey");
    }

    private Exchange post(Map<String, Object> headers, String body) {
        return template.request(EVENTS, e -> {
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
            e.getMessage().setBody(body);
        });
    }

    private static Map<String, Object> signedNow(String key, String url) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return Map.of("X-VOD-TIMESTAMP", timestamp, "X-VOD-SIGNATURE", VodEventReceiver.sign(url, timestamp, key));
    }

    static String event(String type, String jobId) {
        return "{\"EventTime\": \"2017-03-20T07:49:17:025Z\", \"EventType\": \"" + type + "\", \"JobId\": \"" + jobId
               + "\", \"MediaId\": \"m1\", \"Status\": \"success\"}";
    }

    private static int status(Exchange reply) {
        assertThat(reply.getException()).isNull();
        return reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    /** The jobs due now (claimed and given back as they were). */
    private List<String> due() {
        // as a consumer whose jobs are first due long after they were tracked: an event makes them due now
        List<ClaimedJob> claimed = store.claim("probe", 100, Duration.ofMinutes(1), Duration.ofHours(1));
        claimed.forEach(job -> store.release(job, Duration.ZERO, false));
        return claimed.stream().map(ClaimedJob::jobId).toList();
    }
}
