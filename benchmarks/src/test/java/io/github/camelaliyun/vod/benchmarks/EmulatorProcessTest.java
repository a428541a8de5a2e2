package io.github.camelaliyun.vod.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.HttpVodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClientSettings;
import io.github.camelaliyun.vod.aijob.client.VodHttpTransport;
import io.github.camelaliyun.vod.emulator.VodEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The producer benchmark's emulator in its own JVM: driven across the process boundary, and never left running. */
class EmulatorProcessTest {

    @TempDir
    Path dir;

    @Test
    void checksSignaturesAndCountsOnlyTheVerifiedCalls() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start(dir.resolve("emulator.log"), CpuPinning.none());
             VodHttpTransport transport = new VodHttpTransport(1)) {
            emulator.addFinishedJobs(List.of("job-a", "job-b"));

            assertThat(client(emulator, VodEmulator.DEMO_ACCESS_KEY_SECRET, transport)
                    .listAiJobsAsync(List.of("job-a", "job-b")).get().getJobs()).hasSize(2);
            assertThatThrownBy(() -> client(emulator, "not-the-demo-secret", transport)
                    .listAiJobsAsync(List.of("job-a")).get()).hasMessageContaining("SignatureDoesNotMatch");

            assertThat(emulator.calls(VodEmulator.ACTION_LIST_AI_JOB)).isEqualTo(1);
        }
    }

    @Test
    void aRefusedCommandFailsTheBenchmarkAndCloseStillStopsTheJvm() throws Exception {
        EmulatorProcess emulator = EmulatorProcess.start(dir.resolve("emulator.log"), CpuPinning.none());
        ProcessHandle child = ProcessHandle.of(emulator.pid()).orElseThrow();
        try {
            assertThatThrownBy(() -> emulator.send("latency soon")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("latency soon").hasMessageContaining("NumberFormatException");
        } finally {
            emulator.close();
        }
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void theEmulatorJvmStopsByItselfWhenItsBenchmarkIsGone() throws Exception {
        // what a benchmark killed with SIGKILL leaves: no quit, no shutdown hook, only its end of stdin closing
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmulatorProcessMain.class.getName())
                .redirectError(dir.resolve("emulator.log").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith(EmulatorProcessMain.REPLY + "port ");

            process.getOutputStream().close();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped after stdin closed").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static HttpVodAiJobClient client(EmulatorProcess emulator, String secret, VodHttpTransport transport) {
        return new HttpVodAiJobClient(VodAiJobClientSettings.builder()
                .endpoint(emulator.uri())
                .credentials(new AlibabaCloudCredentials(VodEmulator.DEMO_ACCESS_KEY_ID, secret, null))
                .build(), transport);
    }
}
