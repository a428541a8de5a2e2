package io.github.camelaliyun.vod.aijob.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.stats.ActionCalls;
import io.github.camelaliyun.vod.aijob.stats.CallOutcome;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client tells its listener each failed attempt and how each call ended, over real HTTP against the emulator. */
class CallListenerTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private HttpVodAiJobClient client(CallListener listener, int maxRetries, CredentialsProvider credentials) {
        return HttpVodAiJobClient.create(VodAiJobClientSettings.builder()
                .endpoint(VOD.emulator().uri())
                .credentialsProvider(credentials)
                .retryPolicy(new RetryPolicy(maxRetries, Duration.ofMillis(5), Duration.ofMillis(20), 2.0))
                .callListener(listener)
                .build());
    }

    private static CredentialsProvider demoKeys() {
        return CredentialsProvider.of(new AlibabaCloudCredentials(VodEmulator.DEMO_ACCESS_KEY_ID,
                VodEmulator.DEMO_ACCESS_KEY_SECRET, null));
    }

    @Test
    void retriesThrottlingAndOutcomesAreCountedPerAction() {
        VOD.emulator().addJob(EmulatedJob.builder("j1").build());
        LabelStatistics figures = new LabelStatistics("unit");
        try (HttpVodAiJobClient client = client(figures, 3, demoKeys())) {
            VOD.emulator().faults().next(Fault.THROTTLE, Fault.MALFORMED_JSON);
            client.listAiJobs(List.of("j1"));                       // answered after 2 retries
            client.listAiJobs(List.of("j1"));                       // answered at once
            // SubmitAIJob after a 500: the service may have acted, so no retry and a failed call
            VOD.emulator().faults().next(Fault.SERVER_ERROR);
            assertThatThrownBy(() -> client.submitAiJobAsync(
                    new SubmitAiJobRequest("m1", List.of("AIVideoTag"), null, null)).join())
                    .hasCauseInstanceOf(VodAiJobException.class);
        }
        ActionCalls list = figures.calls(VodApi.ACTION_LIST_AI_JOB);
        assertThat(list.count(CallOutcome.retried)).isEqualTo(1);
        assertThat(list.count(CallOutcome.ok)).isEqualTo(1);
        assertThat(list.retries()).isEqualTo(2);
        assertThat(list.throttledAttempts()).isEqualTo(1);
        ActionCalls submit = figures.calls(VodApi.ACTION_SUBMIT_AI_JOB);
        assertThat(submit.count(CallOutcome.failed)).isEqualTo(1);
        assertThat(submit.retries()).isZero();
        assertThat(submit.total()).isEqualTo(1);
    }

    @Test
    void throttledAtTheLastAttemptIsItsOwnOutcome() {
        LabelStatistics figures = new LabelStatistics("unit");
        try (HttpVodAiJobClient client = client(figures, 1, demoKeys())) {
            VOD.emulator().faults().next(Fault.THROTTLE, Fault.THROTTLE);
            assertThatThrownBy(() -> client.listAiJobs(List.of("j1"))).isInstanceOf(VodAiJobException.class);
        }
        ActionCalls list = figures.calls(VodApi.ACTION_LIST_AI_JOB);
        assertThat(list.count(CallOutcome.throttled)).isEqualTo(1);
        assertThat(list.retries()).isEqualTo(1);
        assertThat(list.throttledAttempts()).isEqualTo(2);
    }

    @Test
    void credentialsThatCannotBeHadEndTheCallAsFailed() {
        LabelStatistics figures = new LabelStatistics("unit");
        CredentialsProvider broken = new CredentialsProvider() {
            @Override
            public AlibabaCloudCredentials credentials() {
                throw new IllegalStateException("no credentials (on purpose)");
            }

            @Override
            public CompletableFuture<AlibabaCloudCredentials> credentialsAsync() {
                return CompletableFuture.failedFuture(new IllegalStateException("no credentials (on purpose)"));
            }
        };
        try (HttpVodAiJobClient client = client(figures, 3, broken)) {
            assertThatThrownBy(() -> client.listAiJobs(List.of("j1"))).isInstanceOf(VodAiJobException.class);
        }
        assertThat(figures.calls(CallOutcome.failed)).isEqualTo(1);
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheCall() {
        VOD.emulator().addJob(EmulatedJob.builder("j1").build());
        CallListener broken = new CallListener() {
            @Override
            public void callEnded(String action, int attempts, String errorCode) {
                throw new IllegalStateException("statistics broke (on purpose)");
            }
        };
        try (HttpVodAiJobClient client = client(broken, 3, demoKeys())) {
            assertThat(client.listAiJobs(List.of("j1")).getJobs()).hasSize(1);
        }
    }
}
