package io.github.camelaliyun.vod.aijob;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelaliyun.vod.aijob.client.VodAiJobException;
import io.github.camelaliyun.vod.aijob.reliability.LogCapture;
import io.github.camelaliyun.vod.emulator.EventCallbacks;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code operation=setMessageCallback} end to end: the operation tells the emulator (over signed HTTP, as VOD) where
 * to post; a job finishing then makes the emulator post a signed event to a real Camel HTTP consumer
 * ({@code platform-http} on Vert.x) whose route hands it to {@code operation=vodEvent}, with the same two options, and
 * the label's consumer delivers the job though its next check is a minute away. An AuthKey VOD would refuse is refused
 * before any call, and the key shows nowhere.
 */
class SetMessageCallbackTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final String KEY = "CallbackKey42";
    private static final String SET = VodEmulator.ACTION_SET_MESSAGE_CALLBACK;

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<Long> deliveredAt = new CopyOnWriteArrayList<>();
    private CallbackTestApp app;
    private CamelContext camel;
    private String callbackUrl;

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
    }

    @Test
    void theOperationPointsVodAtTheRouteAndAFinishedJobArrivesByItsSignedEvent() throws Exception {
        start("minCheckInterval=60s&maxCheckInterval=60s");

        Exchange set = camel.createProducerTemplate().request(setUri(KEY), e -> {
            e.getMessage().setBody("left as it is");
            e.getMessage().setHeader(VodAiJobConstants.OPERATION, "setMessageCallback");
        });

        assertThat(set.getException()).isNull();
        assertThat(set.getMessage().getBody()).isEqualTo("left as it is");
        assertThat(set.getMessage().getHeader(VodAiJobConstants.REQUEST_ID, String.class)).isNotBlank();
        assertThat(set.getMessage().getHeaders()).doesNotContainKey(VodAiJobConstants.OPERATION);
        assertThat(VOD.emulator().stats().calls(SET)).isEqualTo(1);
        assertThat(VOD.emulator().callbacks().url()).isEqualTo(URI.create(callbackUrl));
        assertThat(VOD.emulator().callbackEventTypes()).as("AIComplete: what VOD takes for every AI event")
                .isEqualTo(Set.of("AIComplete"));

        long finishesAt = track("set-1", Duration.ofMillis(1000));
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("set-1"));

        assertThat(deliveredAt.get(0) - finishesAt).as("ms from finish to delivery (next check 60 s away)")
                .isLessThan(3000);
        // the emulator counts the answer once it has read it, which may be after the consumer delivered the job
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(VOD.emulator().eventsAnswered(200))
                .as("the event, verified with the same key").isEqualTo(1));
    }

    @Test
    void theFaultsSetThroughTheJavaApiStayWhenTheOperationSetsUrlAndKey() throws Exception {
        start("minCheckInterval=1s&maxCheckInterval=1s");
        VOD.emulator().callbacks(EventCallbacks.to("http://127.0.0.1:9/old", "OldKey123").withDropShare(1.0));

        camel.createProducerTemplate().sendBody(setUri(KEY) + "&operation=setMessageCallback", null);

        EventCallbacks now = VOD.emulator().callbacks();
        assertThat(now.url()).isEqualTo(URI.create(callbackUrl));
        assertThat(now.dropShare()).isEqualTo(1.0);
        track("lost-1", Duration.ofMillis(500));
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("lost-1"));
        assertThat(VOD.emulator().eventsDropped()).as("the event was dropped: the schedule delivered").isEqualTo(1);
        assertThat(VOD.emulator().eventsPosted()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Short1a", "ThirtyThreeCharactersInThisKey123", "nouppercase123", "NOLOWERCASE123",
            "NoDigitsAtAll", "With Space1a", "Plus+Sign1a", "Ümlaut1aBc" })
    void anAuthKeyVodWouldRefuseIsRefusedBeforeAnyCallWithoutShowingIt(String badKey) throws Exception {
        start("maxCheckInterval=2m");
        // on the endpoint that names the operation: when the endpoint is created
        assertThatThrownBy(() -> camel.getEndpoint(setUri(badKey) + "&operation=setMessageCallback"))
                .satisfies(e -> assertThat(messages(e)).contains("authKey", "letters and digits")
                        .doesNotContain(badKey));
        // chosen by the operation header on another endpoint: when the message comes
        Exchange set = camel.createProducerTemplate().request(setUri(badKey),
                e -> e.getMessage().setHeader(VodAiJobConstants.OPERATION, "setMessageCallback"));

        assertThat(set.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(messages(set.getException())).contains("Invalid authKey (its value is not shown)")
                .doesNotContain(badKey);
        assertThat(VOD.emulator().stats().requests()).as("no call reached the service").isZero();
    }

    @Test
    void noMessageLogOrEndpointShowsTheKeyThoughTheServiceEchoesIt() throws Exception {
        VOD.emulator().addCredentials("key-with-another-secret", "the-right-secret");
        start("maxCheckInterval=2m");
        // created before the capture: Camel core itself logs the raw URI at TRACE while resolving it (SecretLeakTest)
        List<Endpoint> endpoints = List.of("ACS3-HMAC-SHA256", "HMAC-SHA1").stream()
                .map(algorithm -> camel.getEndpoint(setUri(KEY) + "&operation=setMessageCallback"
                                                    + "&accessKeyId=key-with-another-secret&signatureAlgorithm="
                                                    + algorithm))
                .toList();
        StringBuilder seen = new StringBuilder();
        // every logger at TRACE but HttpClient's protocol trace (which prints every byte sent, as for any client)
        try (LogCapture logs = new LogCapture("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire")) {
            for (Endpoint endpoint : endpoints) {
                // signed with the wrong secret: SignatureDoesNotMatch echoes the string to sign, the AuthKey in it
                Exchange wrong = camel.createProducerTemplate().request(endpoint, e -> {
                });
                assertThat(wrong.getException()).isInstanceOf(VodAiJobException.class);
                seen.append(messages(wrong.getException()));
            }
            camel.getEndpoints().forEach(endpoint -> seen.append(endpoint).append('\n'));
            seen.append(logs.text());
        }
        // the RPC string to sign the service echoes, percent-encoded, with the AuthKey redacted
        assertThat(seen.toString()).contains("SignatureDoesNotMatch", "AuthKey%3D***", "SetMessageCallback")
                .doesNotContain(KEY);
    }

    @Test
    void aFailedCallIsRetriedSinceSettingTheSameTwiceChangesNothing() throws Exception {
        start("maxCheckInterval=2m");
        VOD.emulator().faults().next(Fault.SERVER_ERROR);

        Exchange set = camel.createProducerTemplate().request(setUri(KEY) + "&operation=setMessageCallback", e -> {
        });

        assertThat(set.getException()).isNull();
        assertThat(VOD.emulator().stats().calls(SET)).isEqualTo(2);
        assertThat(VOD.emulator().callbacks().url()).isEqualTo(URI.create(callbackUrl));
    }

    @Test
    void aUrlTheEmulatorCannotPostToIsRefusedAsVodRefusesInvalidParameters() throws Exception {
        start("maxCheckInterval=2m");
        String elsewhere = "https://203.0.113.7/vod/events";

        Exchange set = camel.createProducerTemplate().request("aivod-aijob:cb?operation=setMessageCallback"
                                                              + "&callbackUrl=RAW(" + elsewhere + ")"
                                                              + "&authKey=RAW(" + KEY + ")", e -> {
                                                              });

        assertThat(set.getException()).isInstanceOf(VodAiJobException.class)
                .hasMessageContaining("InvalidParameter").hasMessageContaining("CallbackURL");
        assertThat(VOD.emulator().stats().calls(SET)).as("a parameter error is not retried").isEqualTo(1);
        assertThat(VOD.emulator().callbacks()).isNull();
    }

    @Test
    void anEventTypeListWithoutTheAiJobEventsMakesVodSendNone() throws Exception {
        start("minCheckInterval=1s&maxCheckInterval=1s");
        try (LogCapture logs = LogCapture.atConfiguredLevels()) {
            camel.createProducerTemplate().sendBody(setUri(KEY) + "&operation=setMessageCallback"
                                                    + "&callbackEventTypes=FileUploadComplete", null);
            // allowed (another application may take these events), but said: jobs are then found by polling only
            assertThat(logs.text()).contains("WARN").contains("no AI job event").doesNotContain(KEY);
        }

        track("quiet-1", Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("quiet-1"));

        assertThat(VOD.emulator().callbackEventTypes()).containsExactly("FileUploadComplete");
        assertThat(VOD.emulator().eventsPosted()).isZero();
    }

    private String setUri(String key) {
        return "aivod-aijob:cb?callbackUrl=RAW(" + callbackUrl + ")&authKey=RAW(" + key + ")";
    }

    private void start(String schedule) throws Exception {
        app = CallbackTestApp.start(VOD.emulator(), KEY, schedule, delivered, deliveredAt);
        camel = app.camel();
        callbackUrl = app.callbackUrl();
    }

    private long track(String jobId, Duration runs) {
        return app.track(VOD.emulator(), jobId, runs);
    }

    /** The exception with its causes and stack trace, as a person reading a log would see it. */
    private static String messages(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
