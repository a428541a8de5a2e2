package io.github.camelaliyun.vod.examples.yamlmain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.VodAiJobEndpoint;
import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
import io.github.camelaliyun.vod.emulator.VodEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example as a user runs it, with Camel Main against the emulator: finished jobs arrive as files, with per video
 * its tags and the duplicates found, each delivered after VOD's event for it; health is UP.
 */
class YamlMainExampleTest {

    @TempDir
    Path dir;

    @Test
    void finishedJobsAreWrittenAsJsonAndTheApplicationIsReady() throws Exception {
        Assumptions.assumeFalse(new CredentialsResolver().environmentHasCredentials(),
                "ALIBABA_CLOUD_* credentials are set: this test runs against the emulator only");
        try (EmulatorSetup setup = EmulatorSetup.fromEnvironment()) {
            Properties properties = setup.properties();
            properties.put("example.output-dir", dir.resolve("out").toString());
            properties.put("example.job-store-file", dir.resolve("jobs.store").toString());
            properties.remove("camel.main.duration-max-idle-seconds");
            Main main = YamlMainExample.create(setup);
            main.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> jsonFiles().size() == 6);

                ObjectMapper json = new ObjectMapper();
                List<JsonNode> jobs = jsonFiles().stream().map(p -> read(json, p)).toList();
                assertThat(jobs).extracting(j -> j.get("mediaId").asText())
                        .containsOnly("demo-video-1", "demo-video-2", "demo-video-3");
                assertThat(jobs).extracting(j -> j.get("type").asText()).containsOnly("AIMediaDNA", "AIVideoTag");
                assertThat(jobs).extracting(j -> j.get("status").asText()).contains("SUCCESS", "FAIL");
                assertTagsAndDuplicatesPerVideo(jobs);
                assertEachJobCameByItsEvent(main, setup.emulator(), jobs);

                Collection<HealthCheck.Result> health = HealthCheckHelper.invokeReadiness(main.getCamelContext());
                assertThat(health).isNotEmpty().allSatisfy(r -> assertThat(r.getState())
                        .as(r.getCheck().getId()).isEqualTo(HealthCheck.State.UP));
            } finally {
                main.stop();
            }
        }
    }

    @Test
    void theQueueVariantDeliversEachJobByItsEventThroughTheMnsQueue() throws Exception {
        Assumptions.assumeFalse(new CredentialsResolver().environmentHasCredentials(),
                "ALIBABA_CLOUD_* credentials are set: this test runs against the emulator only");
        try (EmulatorSetup setup = EmulatorSetup.fromEnvironment(Map.of("VOD_EVENTS", "mns"))) {
            Properties properties = setup.properties();
            properties.put("example.output-dir", dir.resolve("out").toString());
            properties.put("example.job-store-file", dir.resolve("jobs.store").toString());
            properties.remove("camel.main.duration-max-idle-seconds");
            Main main = YamlMainExample.create(setup);
            main.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> jsonFiles().size() == 6);

                VodEmulator emulator = setup.emulator();
                assertThat(emulator.eventQueue()).as("set by the example's setMessageCallback route")
                        .isEqualTo(EmulatorSetup.EVENT_QUEUE);
                LabelStatistics figures = main.getCamelContext()
                        .getEndpoint("aivod-aijob:vod-jobs", VodAiJobEndpoint.class).statistics();
                await().atMost(Duration.ofSeconds(5)).until(() -> figures.queue().deletedMessages() == 6);
                assertThat(figures.queue().acceptedEvents()).as("events that made a tracked job due").isEqualTo(6);
                assertThat(setup.mns().messages(EmulatorSetup.EVENT_QUEUE)).isZero();
                // polls every 5 s, checks 30 s apart: the jobs (2 to 6 s) came by their events
                assertThat(emulator.stats().calls(VodEmulator.ACTION_LIST_AI_JOB)).isBetween(1L, 6L);
                Collection<HealthCheck.Result> health = HealthCheckHelper.invokeReadiness(main.getCamelContext());
                assertThat(health).isNotEmpty().allSatisfy(r -> assertThat(r.getState())
                        .as(r.getCheck().getId()).isEqualTo(HealthCheck.State.UP));
            } finally {
                main.stop();
            }
        }
    }

    /**
     * VOD's event callbacks were on: the setMessageCallback route pointed the emulator at the example's platform-http
     * route, which verified one event per job; and polling was only the safety net: no job was asked about on every poll,
     * only in the calls that followed events (30 s between checks, the jobs run 2 to 6 s).
     */
    private static void assertEachJobCameByItsEvent(Main main, VodEmulator emulator, List<JsonNode> jobs) {
        assertThat(emulator.stats().calls(VodEmulator.ACTION_SET_MESSAGE_CALLBACK)).isEqualTo(1);
        assertThat(emulator.eventsAnswered(200)).as("events the example accepted").isEqualTo(6);
        assertThat(emulator.eventsAnswered(401)).as("events refused").isZero();
        LabelStatistics figures = main.getCamelContext().getEndpoint("aivod-aijob:vod-jobs", VodAiJobEndpoint.class)
                .statistics();
        assertThat(figures.callbackEventsAccepted()).as("events that made a tracked job due").isEqualTo(6);
        // a job is due only once its event came (its first check is 30 s away): a poll makes a call only then, and
        // the jobs not due yet ride along in that call's spare places
        assertThat(emulator.stats().calls(VodEmulator.ACTION_LIST_AI_JOB)).as("ListAIJob calls for 6 events")
                .isBetween(1L, 6L);
        assertThat(jobs).hasSize(6);
    }

    /**
     * Per video, the files the routes wrote from the typed results agree with the result in the job's JSON: every
     * tag of a smart-tagging job, and the matches of a fingerprinting job at least 0.85 similar (the demo videos
     * have some with duplicates and some without).
     */
    private void assertTagsAndDuplicatesPerVideo(List<JsonNode> jobs) throws Exception {
        int withDuplicates = 0;
        int withoutDuplicates = 0;
        for (JsonNode job : jobs) {
            if (!job.get("status").asText().equals("SUCCESS")) {
                continue;
            }
            String video = job.get("mediaId").asText();
            if (job.get("type").asText().equals("AIVideoTag")) {
                List<String> lines = Files.readAllLines(dir.resolve("out").resolve(video + "-tags.txt"));
                List<String> expected = new ArrayList<>();
                job.get("videoTagResult").forEach(list -> list.forEach(tag -> {
                    if (tag.has("tag")) {
                        expected.add(tag.get("tag").asText());
                    }
                }));
                assertThat(lines.get(0)).startsWith("Tags of video " + video);
                assertThat(expected).isNotEmpty();
                assertThat(lines.subList(1, lines.size())).hasSameSizeAs(expected);
                expected.forEach(tag -> assertThat(lines).anySatisfy(line -> assertThat(line).contains(": " + tag + " at ")));
            } else {
                List<String> lines = Files.readAllLines(dir.resolve("out").resolve(video + "-duplicates.txt"));
                List<String> expected = new ArrayList<>();
                job.get("mediaDnaResult").get("matches").forEach(match -> {
                    if (match.get("similarity").asDouble() >= 0.85) {
                        expected.add(match.get("primaryKey").asText());
                    }
                });
                assertThat(lines.get(0)).startsWith("Videos at least 0.85 similar to " + video);
                assertThat(lines.subList(1, lines.size())).extracting(line -> line.substring(0, line.indexOf(' ')))
                        .containsExactlyElementsOf(expected);
                if (expected.isEmpty()) {
                    withoutDuplicates++;
                } else {
                    withDuplicates++;
                }
            }
        }
        assertThat(withDuplicates).as("videos with duplicates").isPositive();
        assertThat(withoutDuplicates).as("videos without duplicates").isPositive();
    }

    private List<Path> jsonFiles() throws Exception {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    private static JsonNode read(ObjectMapper json, Path file) {
        try {
            return json.readTree(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
