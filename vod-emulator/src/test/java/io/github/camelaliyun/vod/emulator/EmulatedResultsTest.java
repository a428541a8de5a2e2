package io.github.camelaliyun.vod.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Data the emulator answers by default: shaped like the service's, the same for the same video, shaped by Config. */
class EmulatedResultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameVideoGetsTheSameDataAndOthersDiffer() {
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String data = EmulatedResults.dataFor(EmulatedJob.TYPE_VIDEO_TAG, "video-" + i, null);
            assertThat(EmulatedResults.dataFor(EmulatedJob.TYPE_VIDEO_TAG, "video-" + i, null)).isEqualTo(data);
            tags.add(data);
        }
        assertThat(tags).hasSizeGreaterThan(15);
        // pinned: the derivation must not change with the JVM or the run (the yaml-main example's videos 1 and 3
        // have duplicates, video 2 none)
        assertThat(EmulatedResults.dataFor(EmulatedJob.TYPE_MEDIA_DNA, "demo-video-1", null))
                .startsWith("{\"VideoDNA\":[{\"Similarity\":\"");
        assertThat(EmulatedResults.dataFor(EmulatedJob.TYPE_MEDIA_DNA, "demo-video-2", "{}")).isEqualTo("{}");
        assertThat(EmulatedResults.dataFor(EmulatedJob.TYPE_MEDIA_DNA, "demo-video-3", null))
                .contains("\"PrimaryKey\"");
    }

    @Test
    void smartTaggingLooksLikeTheServicesData() throws Exception {
        JsonNode data = JSON.readTree(EmulatedResults.dataFor(EmulatedJob.TYPE_VIDEO_TAG, "m1", null));

        for (String category : List.of("Person", "Keyword", "Location", "Time", "Category")) {
            assertThat(data.get(category).isArray()).as(category).isTrue();
            data.get(category).forEach(tag -> assertThat(tag.get("Tag").isTextual()).isTrue());
        }
        data.get("Keyword").forEach(tag -> tag.get("Times").forEach(time -> {
            assertThat(time.isTextual()).isTrue(); // milliseconds as strings, as the service sends them
            assertThat(Long.parseLong(time.asText())).isNotNegative();
        }));
        data.get("Person").forEach(p -> assertThat(p.get("FaceUrl").asText()).startsWith("http://"));
        assertThat(data.has("OrigASRData")).isFalse();
    }

    @Test
    void analyseTypesPickTheCategoriesAndOrigAsrDataAddsTheSentences() throws Exception {
        JsonNode asr = JSON.readTree(EmulatedResults.dataFor(EmulatedJob.TYPE_VIDEO_TAG, "m1",
                "{\"AIVideoTag\":{\"AnalyseTypes\":\"ASR\",\"OrigASRData\":true}}"));
        JsonNode face = JSON.readTree(EmulatedResults.dataFor(EmulatedJob.TYPE_VIDEO_TAG, "m1",
                "{\"AIVideoTag\":{\"AnalyseTypes\":\"Face,Category\"}}"));

        assertThat(names(asr)).containsExactly("Keyword", "OrigASRData");
        JsonNode sentence = asr.get("OrigASRData").get("AsrTextList").get(0);
        assertThat(sentence.get("StartTime").isNumber()).isTrue(); // numbers here, unlike Times and Duration
        assertThat(sentence.get("Text").asText()).isNotBlank();
        assertThat(asr.get("OrigASRData").get("Duration").isTextual()).isTrue();
        assertThat(names(face)).containsExactly("Person", "Category");
    }

    @Test
    void fingerprintsMatchSomeVideosWithSegmentsInSecondsAndNotOthers() throws Exception {
        int matched = 0;
        int none = 0;
        for (int i = 0; i < 40; i++) {
            JsonNode data = JSON.readTree(EmulatedResults.dataFor(EmulatedJob.TYPE_MEDIA_DNA, "video-" + i, null));
            JsonNode dna = data.path("VideoDNA");
            if (dna.isMissingNode() || dna.isEmpty()) {
                none++;
                continue;
            }
            matched++;
            for (JsonNode match : dna) {
                assertThat(Double.parseDouble(match.get("Similarity").asText())).isBetween(0.8, 1.0);
                assertThat(match.get("PrimaryKey").asText()).hasSize(32);
                JsonNode input = match.get("Detail").get(0).get("Input");
                assertThat(input.get("Start").isTextual()).isTrue();
                assertThat(Double.parseDouble(input.get("Duration").asText())).isPositive();
            }
        }
        assertThat(matched).isGreaterThan(5);
        assertThat(none).isGreaterThan(5);
        assertThat(EmulatedResults.dataFor(EmulatedJob.TYPE_MEDIA_DNA, "video-1", "{\"AIMediaDNA\":{\"DNADBId\":\"lib-2\"}}"))
                .isNotEqualTo(EmulatedResults.dataFor(EmulatedJob.TYPE_MEDIA_DNA, "video-1", null));
    }

    @Test
    void aJobSetByTheTestKeepsItsDataAndThePublishedSampleIsNoJson() {
        EmulatedJob sample = EmulatedJob.builder("s").succeedsWithPublishedSample().build();
        EmulatedJob derived = EmulatedJob.builder("d").mediaId("m1").build();

        assertThat(sample.withSubmittedConfig("{\"AIVideoTag\":{\"AnalyseTypes\":\"ASR\"}}").data())
                .isEqualTo(EmulatedResults.PUBLISHED_SAMPLE_DATA).contains("\\[");
        assertThatThrownBy(() -> JSON.readTree(sample.data())).isInstanceOf(Exception.class);
        assertThat(derived.data()).isEqualTo(EmulatedResults.dataFor(EmulatedJob.TYPE_VIDEO_TAG, "m1", null));
        assertThat(derived.withSubmittedConfig("{\"AIVideoTag\":{\"AnalyseTypes\":\"Face\"}}").data())
                .isEqualTo(EmulatedResults.dataFor(EmulatedJob.TYPE_VIDEO_TAG, "m1",
                        "{\"AIVideoTag\":{\"AnalyseTypes\":\"Face\"}}"));
        assertThat(EmulatedJob.builder("f").failsWith("E", "m").build().data()).isNull();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
