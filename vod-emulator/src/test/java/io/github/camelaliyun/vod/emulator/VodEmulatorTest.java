package io.github.camelaliyun.vod.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator on its own: the lifecycle of a job, fault selection, and what it answers to unsigned calls. Signed
 * calls are exercised from the component's tests, with the component's signers.
 */
class VodEmulatorTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Test
    void jobFollowsItsSchedule() {
        EmulatedJob job = EmulatedJob.builder("j").processingAfter(Duration.ofSeconds(1))
                .finishAfter(Duration.ofSeconds(3)).build();

        assertThat(job.statusAt(Duration.ZERO)).isEqualTo("init");
        assertThat(job.statusAt(Duration.ofMillis(1500))).isEqualTo("Processing");
        assertThat(job.statusAt(Duration.ofSeconds(3))).isEqualTo("success");
        assertThat(EmulatedJob.builder("f").failsWith("E", "m").build().statusAt(Duration.ZERO)).isEqualTo("fail");
        assertThat(EmulatedJob.builder("n").neverFinishes().build().statusAt(Duration.ofDays(1))).isEqualTo("Processing");
    }

    @Test
    void scriptedFaultsComeFirstThenRates() {
        Faults faults = new Faults().next(Fault.THROTTLE, Fault.DROP_CONNECTION);

        assertThat(faults.pick()).isEqualTo(Fault.THROTTLE);
        assertThat(faults.pick()).isEqualTo(Fault.DROP_CONNECTION);
        assertThat(faults.pick()).isNull();

        faults.rate(Fault.SERVER_ERROR, 0.25);
        int errors = 0;
        for (int i = 0; i < 4000; i++) {
            if (faults.pick() == Fault.SERVER_ERROR) {
                errors++;
            }
        }
        assertThat(errors).isBetween(850, 1150);
    }

    @Test
    void unsignedCallIsRefusedLikeTheService() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(VOD.emulator().url() + "/?Action=ListAIJob&JobIds=a"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(reply.body()).contains("\"Code\":\"MissingParameter\"", "Signature", "\"RequestId\"");
        assertThat(VOD.emulator().stats().requests()).isEqualTo(1);
        assertThat(VOD.emulator().stats().calls("ListAIJob")).isZero();
    }

    @Test
    void demoJobsFinishWithinTenSecondsAndOneFails() {
        int failing = 0;
        for (EmulatedJob job : VodEmulatorMain.demoJobs()) {
            assertThat(job.statusAt(Duration.ofSeconds(10))).isIn("success", "fail");
            if (job.fails()) {
                failing++;
            }
        }
        assertThat(failing).isEqualTo(1);
    }
}
