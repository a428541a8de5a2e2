package io.github.camelaliyun.vod.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks in smoke mode (tiny sizes, a few seconds), so that they keep working; it checks what every run must
 * show whatever the machine: the calls made and the files written. It asserts no speed: that is what the full run and
 * docs/benchmarks.md are for.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void smokeRunProducesTheTableWithTheRightCallCounts() throws Exception {
        BenchmarkMain.main(new String[] { "--smoke", "--out=" + dir });

        Map<String, Object> report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(dir.resolve("results.json").toFile(), Map.class);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("throughput");
        assertThat(rows).hasSize(2 * (2 * 3 + 1));
        assertThat(rows).allSatisfy(row -> assertThat(((Number) row.get("calls")).intValue()).isEqualTo(20));
        Map<String, Object> consumer = (Map<String, Object>) report.get("consumer");
        assertThat((List<Map<String, Object>>) consumer.get("polls")).allSatisfy(
                poll -> assertThat(poll.get("calls")).isEqualTo(poll.get("expectedCalls")));
        assertThat((Map<String, Object>) report.get("jmh")).containsKeys("oursV3Sign", "officialV3Sign",
                "oursParseTenJobs", "officialParseTenJobs");
        assertThat(Files.readString(dir.resolve("results.md"))).contains("### Producer throughput", "### Consumer");
        assertThat((String) report.get("producerSetup")).contains("emulator in its own JVM");
        assertThat(ProcessHandle.current().descendants()).as("the emulator's JVM is stopped").isEmpty();
    }
}
