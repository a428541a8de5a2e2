package io.github.camelaliyun.vod.aijob.model.result;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fingerprinting Data in the forms the service's documents show, and what cannot be read. */
class MediaDnaResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The AIMediaDNAComplete event's example. */
    private static final String PUBLISHED = "{\"VideoDNA\":[{\"Similarity\":\"0.99\","
            + "\"PrimaryKey\":\"7a1d275cc8da4jw93mkde0e182e80****\",\"Detail\":[{\"Input\":{\"Start\":\"0.0\","
            + "\"Duration\":\"14.0\"},\"Duplication\":{\"Start\":\"0.5\",\"Duration\":\"14.4\"}}]}]}";

    @Test
    void thePublishedExampleGivesOneMatchWithItsSegment() throws Exception {
        MediaDnaResult result = MediaDnaResult.fromData(JSON.readTree(PUBLISHED));

        assertThat(result.getMatches()).singleElement().satisfies(m -> {
            assertThat(m.getPrimaryKey()).isEqualTo("7a1d275cc8da4jw93mkde0e182e80****");
            assertThat(m.getSimilarity()).isEqualTo(0.99);
            assertThat(m.isAtLeast(0.99)).isTrue();
            assertThat(m.isAtLeast(0.995)).isFalse();
            assertThat(m.getSegments()).singleElement().satisfies(s -> {
                assertThat(s.getInput().getStart()).isEqualTo(Duration.ZERO);
                assertThat(s.getInput().getDuration()).isEqualTo(Duration.ofSeconds(14));
                assertThat(s.getDuplication().getStart()).isEqualTo(Duration.ofMillis(500));
                assertThat(s.getDuplication().getEnd()).isEqualTo(Duration.ofMillis(14_900));
            });
        });
        assertThat(result.getMaxSimilarity()).isEqualTo(0.99);
    }

    @Test
    void numbersAsNumbersAndOneMeansIdentical() throws Exception {
        MediaDnaResult result = MediaDnaResult.fromData(JSON.readTree(
                "{\"VideoDNA\":[{\"Similarity\":0.85,\"PrimaryKey\":\"a\",\"Detail\":[{\"Input\":{\"Start\":1,"
                + "\"Duration\":2.25},\"Duplication\":{\"Start\":3,\"Duration\":4}}]},"
                + "{\"Similarity\":\"1\",\"PrimaryKey\":\"b\"}]}"));

        assertThat(result.getMatches()).extracting(DnaMatch::getPrimaryKey).containsExactly("a", "b");
        assertThat(result.getMatches().get(0).getSegments().get(0).getInput().getDuration())
                .isEqualTo(Duration.ofMillis(2250));
        assertThat(result.getMatches().get(1).getSegments()).isEmpty();
        assertThat(result.matchesAtLeast(0.9)).extracting(DnaMatch::getPrimaryKey).containsExactly("b");
        assertThat(result.matchesAtLeast(0.8)).extracting(DnaMatch::getPrimaryKey).containsExactly("b", "a");
        assertThat(result.getMaxSimilarity()).isEqualTo(1.0);
    }

    @Test
    void missingOrEmptyVideoDnaMeansNoMatch() throws Exception {
        for (String data : new String[] { "{}", "{\"VideoDNA\":[]}", "{\"VideoDNA\":null}" }) {
            MediaDnaResult result = MediaDnaResult.fromData(JSON.readTree(data));

            assertThat(result.isEmpty()).as(data).isTrue();
            assertThat(result.getMaxSimilarity()).as(data).isZero();
        }
    }

    @Test
    void whatCannotBeReadIsNamedByItsPath() {
        assertFails("{\"VideoDNA\":[{\"PrimaryKey\":\"a\",\"Similarity\":\"high\"}]}",
                "VideoDNA[0].Similarity should be a number, not \"high\"");
        assertFails("{\"VideoDNA\":[{\"PrimaryKey\":\"a\"}]}", "VideoDNA[0] has no Similarity");
        assertFails("{\"VideoDNA\":[{\"Similarity\":\"0.9\"}]}", "VideoDNA[0] has no PrimaryKey");
        assertFails("{\"VideoDNA\":[{\"PrimaryKey\":\"a\",\"Similarity\":\"0.9\",\"Detail\":[{\"Input\":{\"Start\":\"0\","
                    + "\"Duration\":\"1\"}}]}]}", "VideoDNA[0].Detail[0] has no Duplication");
        assertFails("{\"VideoDNA\":\"none\"}", "VideoDNA should be a list, not a text (\"none\")");
    }

    private static void assertFails(String data, String message) {
        assertThatThrownBy(() -> MediaDnaResult.fromData(JSON.readTree(data)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void writesSimilarityAsANumberAndTimesAsIsoDurations() throws Exception {
        String json = JSON.writeValueAsString(MediaDnaResult.fromData(JSON.readTree(PUBLISHED)));

        assertThat(json).isEqualTo("{\"matches\":[{\"primaryKey\":\"7a1d275cc8da4jw93mkde0e182e80****\","
                                   + "\"similarity\":0.99,\"segments\":[{\"input\":{\"start\":\"PT0S\",\"duration\":\"PT14S\"},"
                                   + "\"duplication\":{\"start\":\"PT0.5S\",\"duration\":\"PT14.4S\"}}]}]}");
    }
}
