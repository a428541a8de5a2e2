package io.github.camelaliyun.vod.aijob;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.store.FileAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a consumer JVM with {@code destroyForcibly()} (SIGKILL) at random moments, five times, and restarts it on the
 * same file store: every job must be delivered at least once. Duplicates are allowed (at-least-once) and counted.
 */
class CrashRecoveryTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @TempDir
    Path dir;

    @Test
    void killedAndRestartedConsumerLosesNoJob() throws Exception {
        Random random = new Random(2026);
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> "crash-" + i).toList();
        ids.forEach(id -> VOD.emulator().addJob(EmulatedJob.builder(id)
                .finishAfter(Duration.ofMillis(random.nextInt(8000))).build()));
        Path store = dir.resolve("crash.jobs");
        Path delivered = dir.resolve("delivered.txt");
        try (FileAiJobStore jobs = FileAiJobStore.open(store)) {
            jobs.add(ids, Instant.now());
        }

        for (int kill = 0; kill < 5; kill++) {
            Process child = startChild(store, delivered);
            Thread.sleep(800 + random.nextInt(1800));
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        Process last = startChild(store, delivered);
        long deadline = System.currentTimeMillis() + 40_000;
        while (uniqueDelivered(delivered).size() < ids.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        last.destroyForcibly();
        last.waitFor(10, TimeUnit.SECONDS);

        List<String> lines = Files.exists(delivered) ? Files.readAllLines(delivered, StandardCharsets.UTF_8) : List.of();
        Set<String> unique = new HashSet<>(lines);
        System.out.printf("CrashRecoveryTest: %d jobs, 5 kills, %d deliveries, %d duplicates%n", ids.size(),
                lines.size(), lines.size() - unique.size());
        assertThat(unique).containsExactlyInAnyOrderElementsOf(ids);
    }

    private static Set<String> uniqueDelivered(Path delivered) throws Exception {
        return Files.exists(delivered) ? new HashSet<>(Files.readAllLines(delivered)) : Set.of();
    }

    private static Process startChild(Path store, Path delivered) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashableWatcher.class.getName(), VOD.emulator().url(), store.toString(), delivered.toString())
                .redirectErrorStream(true)
                .redirectOutput(new File(store + ".child.log"))
                .start();
    }
}
