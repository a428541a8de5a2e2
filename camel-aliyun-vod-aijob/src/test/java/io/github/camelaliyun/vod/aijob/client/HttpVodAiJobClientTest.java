package io.github.camelaliyun.vod.aijob.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.AiJobStatus;
import io.github.camelaliyun.vod.aijob.model.ListAiJobsResult;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.ResponseShape;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client against the emulator over real HTTP, with real signatures checked. */
class HttpVodAiJobClientTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final AlibabaCloudCredentials DEMO
            = new AlibabaCloudCredentials(VodEmulator.DEMO_ACCESS_KEY_ID, VodEmulator.DEMO_ACCESS_KEY_SECRET, null);
    private static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 2);

    @ParameterizedTest
    @EnumSource(ResponseShape.class)
    void listsJobsInEveryResponseShapeWithBothSignatures(ResponseShape shape) {
        VodEmulator vod = VOD.emulator().responseShape(shape);
        vod.addJob(EmulatedJob.builder("done").mediaId("m1").type(EmulatedJob.TYPE_MEDIA_DNA)
                .succeedsWith("{\"Similarity\":0.9}").build());
        vod.addJob(EmulatedJob.builder("running").finishAfter(Duration.ofHours(1)).build());
        vod.addJob(EmulatedJob.builder("broken").failsWith("InvalidVideo", "cannot decode").build());

        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            try (VodAiJobClient client = client(settings().signatureAlgorithm(algorithm))) {
                ListAiJobsResult result = client.listAiJobs(List.of("done", "gone-1", "running", "broken", "gone-2"));

                assertThat(result.getRequestId()).isNotBlank();
                assertThat(result.getJobs()).extracting(AiJob::getJobId).containsExactly("done", "running", "broken");
                assertThat(result.getJobs()).extracting(AiJob::getStatus)
                        .containsExactly(AiJobStatus.SUCCESS, AiJobStatus.PROCESSING, AiJobStatus.FAIL);
                assertThat(result.getNonExistentJobIds()).containsExactly("gone-1", "gone-2");
                AiJob done = result.getJobs().get(0);
                assertThat(done.getMediaId()).isEqualTo("m1");
                assertThat(done.getType()).isEqualTo(AiJob.TYPE_MEDIA_DNA);
                assertThat(done.getDataAsJson().get("Similarity").asDouble()).isEqualTo(0.9);
                assertThat(done.getCompleteTime()).isNotNull();
                assertThat(result.getJobs().get(2).getCode()).isEqualTo("InvalidVideo");
            }
        }
        assertThat(vod.stats().calls("ListAIJob")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void stsCredentialsSendTheirToken(SignatureAlgorithm algorithm) {
        VOD.emulator().addStsCredentials("STS.key", "sts-secret", "token/with+odd=chars");
        VOD.emulator().addJob(EmulatedJob.builder("j1").build());

        try (VodAiJobClient client = client(settings().signatureAlgorithm(algorithm)
                .credentials(new AlibabaCloudCredentials("STS.key", "sts-secret", "token/with+odd=chars")))) {
            assertThat(client.listAiJobs(List.of("j1")).getJobs()).hasSize(1);
        }
        try (VodAiJobClient client = client(settings().signatureAlgorithm(algorithm)
                .credentials(new AlibabaCloudCredentials("STS.key", "sts-secret", "stolen-token")))) {
            VodAiJobException e = catchThrowableOfType(VodAiJobException.class,
                    () -> client.listAiJobs(List.of("j1")));
            assertThat(e.getErrorCode()).isEqualTo("InvalidSecurityToken.MismatchWithAccessKey");
            assertThat(e.getAttempts()).isEqualTo(1);
            assertThat(e.getMessage()).doesNotContain("stolen-token", "sts-secret");
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void wrongSecretFailsAtOnceWithRequestIdAndNoSecret(SignatureAlgorithm algorithm) {
        VOD.emulator().addStsCredentials("STS.key2", "right-secret", "the-sts-token-123");
        try (VodAiJobClient client = client(settings().signatureAlgorithm(algorithm)
                .credentials(new AlibabaCloudCredentials("STS.key2", "wrong-secret-456", "the-sts-token-123")))) {
            VodAiJobException e = catchThrowableOfType(VodAiJobException.class,
                    () -> client.listAiJobs(List.of("j1", "j2")));

            assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
            assertThat(e.getHttpStatus()).isEqualTo(400);
            assertThat(e.getRequestId()).isNotBlank();
            assertThat(e.getAttempts()).isEqualTo(1);
            assertThat(e.getJobIds()).containsExactly("j1", "j2");
            assertThat(e.getMessage()).contains("SignatureDoesNotMatch", e.getRequestId(), "[j1, j2]",
                    "check that secretKey (the AccessKey Secret) belongs to accessKeyId");
            // the service echoes its string to sign, which holds the STS token for RPC signatures
            assertThat(e.getMessage()).doesNotContain("the-sts-token-123", "wrong-secret-456", "right-secret");
            assertThat(VOD.emulator().stats().requests()).isEqualTo(1);
        }
    }

    @Test
    void unknownAccessKeyIsNotRetried() {
        try (VodAiJobClient client = client(settings().credentials(new AlibabaCloudCredentials("nobody", "x", null)))) {
            VodAiJobException e = catchThrowableOfType(VodAiJobException.class, () -> client.listAiJobs(List.of("a")));

            assertThat(e.getErrorCode()).isEqualTo("InvalidAccessKeyId.NotFound");
            assertThat(e.getHttpStatus()).isEqualTo(404);
            assertThat(e.wasRetried()).isFalse();
            assertThat(e.getMessage()).contains("check accessKeyId");
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void transientFaultsAreRetriedUntilTheCallSucceeds(Fault fault) {
        VOD.emulator().addJob(EmulatedJob.builder("j1").build());
        VOD.emulator().faults().slowDelay(Duration.ofMillis(1500)).next(fault, fault);

        try (VodAiJobClient client = client(settings().requestTimeout(Duration.ofMillis(400)))) {
            ListAiJobsResult result = client.listAiJobs(List.of("j1"));

            assertThat(result.getJobs()).extracting(AiJob::getJobId).containsExactly("j1");
        }
        assertThat(VOD.emulator().stats().calls("ListAIJob")).isEqualTo(3);
    }

    @Test
    void throttlingThatOutlastsTheRetriesFailsWithTheLastReply() {
        VOD.emulator().faults().rate(Fault.THROTTLE, 1.0);

        try (VodAiJobClient client = client(settings().retryPolicy(
                new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), 2)))) {
            VodAiJobException e = catchThrowableOfType(VodAiJobException.class, () -> client.listAiJobs(List.of("a")));

            assertThat(e.getErrorCode()).isEqualTo("Throttling.User");
            assertThat(e.getHttpStatus()).isEqualTo(503);
            assertThat(e.getAttempts()).isEqualTo(3);
            assertThat(e.wasRetried()).isTrue();
            assertThat(e.getRequestId()).isNotBlank();
            assertThat(e.getMessage()).contains("ListAIJob failed for job ids [a]: Throttling.User (HTTP 503)",
                    "RequestId=" + e.getRequestId(), "attempts=3");
        }
        assertThat(VOD.emulator().stats().requests()).isEqualTo(3);
    }

    @Test
    void expiredTimestampIsResignedAndRetriedThenReported() {
        VOD.emulator().clockOffset(Duration.ofMinutes(20));

        try (VodAiJobClient client = client(settings())) {
            VodAiJobException e = catchThrowableOfType(VodAiJobException.class, () -> client.listAiJobs(List.of("a")));

            assertThat(e.getErrorCode()).isEqualTo("InvalidTimeStamp.Expired");
            assertThat(e.getAttempts()).isEqualTo(4);
            assertThat(e.getMessage()).contains("local clock");
        }
        // every attempt had a fresh nonce: a reused one would have been refused as SignatureNonceUsed
        assertThat(VOD.emulator().stats().errors("SignatureNonceUsed")).isZero();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void emulatorRefusesAReplayedNonce(SignatureAlgorithm algorithm) throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("j1").build());
        HttpRequest signed = signedByHand(algorithm, "j1");
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> first = http.send(signed, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> replay = http.send(signed, HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("\"Code\":\"SignatureNonceUsed\"", "\"RequestId\"", "\"HostId\"");
    }

    @Test
    void emulatorRefusesElevenIdsWithAParameterError() throws Exception {
        String ids = IntStream.range(0, 11).mapToObj(i -> "id" + i).collect(Collectors.joining(","));
        HttpResponse<String> reply = HttpClient.newHttpClient()
                .send(signedByHand(SignatureAlgorithm.ACS3_HMAC_SHA256, ids), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"InvalidParameter\"", "at most 10");
    }

    @Test
    void badBatchesAreRefusedBeforeSending() {
        try (VodAiJobClient client = client(settings())) {
            List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "id" + i).toList();
            assertThatThrownBy(() -> client.listAiJobsAsync(eleven)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 10 job ids per call, got 11");
            assertThatThrownBy(() -> client.listAiJobsAsync(List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one job id");
            assertThatThrownBy(() -> client.listAiJobsAsync(List.of("a", " "))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("position 1 is blank");
        }
        assertThat(VOD.emulator().stats().requests()).isZero();
    }

    @Test
    void concurrentCallsStayWithinThePool() {
        VOD.emulator().faults().latency(Duration.ofMillis(30));
        try (VodHttpTransport transport = new VodHttpTransport(3)) {
            VodAiJobClient client = new HttpVodAiJobClient(settings().build(), transport);
            List<CompletableFuture<ListAiJobsResult>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(client.listAiJobsAsync(List.of("id" + i)));
            }
            calls.forEach(CompletableFuture::join);
        }
        assertThat(VOD.emulator().stats().calls("ListAIJob")).isEqualTo(12);
        assertThat(VOD.emulator().stats().maxInFlight()).isBetween(2, 3);
    }

    @Test
    void noServerListeningIsAnIoErrorAfterRetries() {
        VodEmulator closed = VodEmulator.start();
        URI gone = closed.uri();
        closed.close();

        try (VodAiJobClient client = client(settings().endpoint(gone).connectTimeout(Duration.ofMillis(500)))) {
            VodAiJobException e = catchThrowableOfType(VodAiJobException.class, () -> client.listAiJobs(List.of("a")));

            assertThat(e.getErrorCode()).isEqualTo(VodAiJobException.CODE_CONNECT_FAILED);
            assertThat(e.getHttpStatus()).isZero();
            assertThat(e.getAttempts()).isEqualTo(4);
            assertThat(e.getMessage()).contains("no connection to " + gone, "RequestId=none");
        }
    }

    private static VodAiJobClientSettings.Builder settings() {
        return VodAiJobClientSettings.builder().endpoint(VOD.emulator().uri()).credentials(DEMO)
                .retryPolicy(FAST_RETRIES);
    }

    private static VodAiJobClient client(VodAiJobClientSettings.Builder settings) {
        return HttpVodAiJobClient.create(settings.build());
    }

    /** A ListAIJob request signed with our signer and sent by the JDK's client, so it can be sent twice. */
    private static HttpRequest signedByHand(SignatureAlgorithm algorithm, String jobIds) {
        URI uri = VOD.emulator().uri();
        String host = uri.getHost() + ":" + uri.getPort();
        AcsRequest acs = new AcsRequest("POST", host, "ListAIJob", "2017-03-21").queryParam("JobIds", jobIds);
        algorithm.newSigner().sign(acs, DEMO, Instant.now(), UUID.randomUUID().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri + "/?" + acs.canonicalQueryString()))
                .POST(HttpRequest.BodyPublishers.noBody());
        for (Map.Entry<String, String> h : acs.headers().entrySet()) {
            if (!h.getKey().equals("host")) { // the JDK client sets Host itself, to the same value
                request.header(h.getKey(), h.getValue());
            }
        }
        return request.build();
    }
}
