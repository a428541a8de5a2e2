package io.github.camelaliyun.vod.aijob.model.result;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Smart-tagging Data in the forms the service's documents show, and what cannot be read. */
class VideoTagResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The example of the API reference's appendix (AIVideoTagResult) and the AIVideoTagComplete event. */
    private static final String PUBLISHED = "{\"Person\":[{\"Tag\":\"Zhang San\",\"Times\":[\"10760\"],"
            + "\"FaceUrl\":\"http://example.com/Index_00016.jpg\"}],"
            + "\"Keyword\":[{\"Tag\":\"cooking\",\"Times\":[\"3260\",\"4000\"]}],"
            + "\"Location\":[{\"Tag\":\"West Lake\",\"Times\":[\"8410\"]}],"
            + "\"Category\":[{\"Tag\":\"Food\"}],"
            + "\"OrigASRData\":{\"AsrTextList\":[{\"EndTime\":700,\"StartTime\":0,\"Text\":\"Yes.\","
            + "\"ChannelId\":0,\"SpeechRate\":85},{\"EndTime\":3750,\"StartTime\":1630,\"Text\":\"No.\","
            + "\"ChannelId\":0,\"SpeechRate\":28}],\"Duration\":\"30016\"}}";

    @Test
    void thePublishedExampleGivesTagsWithTimesAndSentences() throws Exception {
        VideoTagResult result = VideoTagResult.fromData(JSON.readTree(PUBLISHED));

        assertThat(result.getPersons()).singleElement().satisfies(p -> {
            assertThat(p.getTag()).isEqualTo("Zhang San");
            assertThat(p.getCategory()).isEqualTo(VideoTag.PERSON);
            assertThat(p.getTimes()).containsExactly(Duration.ofMillis(10760));
            assertThat(p.getFaceUrl()).isEqualTo("http://example.com/Index_00016.jpg");
        });
        assertThat(result.getKeywords()).singleElement().satisfies(k -> assertThat(k.getTimes())
                .containsExactly(Duration.ofMillis(3260), Duration.ofMillis(4000)));
        assertThat(result.getLocations()).extracting(VideoTag::getTag).containsExactly("West Lake");
        assertThat(result.getTimeTags()).isEmpty();
        assertThat(result.getCategories()).singleElement().satisfies(c -> {
            assertThat(c.getTag()).isEqualTo("Food");
            assertThat(c.getTimes()).isEmpty();
            assertThat(c.getFaceUrl()).isNull();
        });
        assertThat(result.getTagNames()).containsExactly("Zhang San", "cooking", "West Lake", "Food");
        assertThat(result.getAsrDuration()).isEqualTo(Duration.ofMillis(30016));
        assertThat(result.getAsrSentences()).hasSize(2);
        AsrSentence second = result.getAsrSentences().get(1);
        assertThat(second.getStart()).isEqualTo(Duration.ofMillis(1630));
        assertThat(second.getEnd()).isEqualTo(Duration.ofMillis(3750));
        assertThat(second.getText()).isEqualTo("No.");
        assertThat(second.getChannelId()).isZero();
        assertThat(second.getSpeechRate()).isEqualTo(28);
        assertThat(result.getAsrText()).isEqualTo("Yes. No.");
    }

    @Test
    void timesStringifiedInsideTheArrayAsOnTheGetAIVideoTagResultPage() throws Exception {
        VideoTagResult result = VideoTagResult.fromData(JSON.readTree(
                "{\"Keyword\":[{\"Tag\":\"k\",\"Times\":[\"[\\\"10760\\\"]\",\"[\\\"1\\\", \\\"2.5\\\"]\"]}]}"));

        assertThat(result.getKeywords().get(0).getTimes())
                .containsExactly(Duration.ofMillis(10760), Duration.ofMillis(1), Duration.ofNanos(2_500_000));
    }

    @Test
    void missingCategoriesAreEmptyAndNumbersMayComeEitherWay() throws Exception {
        VideoTagResult result = VideoTagResult.fromData(JSON.readTree(
                "{\"Time\":[{\"Tag\":\"night\",\"Times\":[5000]}],\"OrigASRData\":{\"AsrTextList\":"
                + "[{\"StartTime\":\"100\",\"EndTime\":\"900\",\"Text\":\"Hi\",\"ChannelId\":\"1\",\"SpeechRate\":\"60\"}],"
                + "\"Duration\":1000}}"));

        assertThat(result.getPersons()).isEmpty();
        assertThat(result.getKeywords()).isEmpty();
        assertThat(result.getLocations()).isEmpty();
        assertThat(result.getCategories()).isEmpty();
        assertThat(result.getTimeTags()).singleElement().satisfies(t -> {
            assertThat(t.getTag()).isEqualTo("night");
            assertThat(t.getTimes()).containsExactly(Duration.ofSeconds(5));
        });
        assertThat(result.getAsrSentences()).singleElement().satisfies(s -> {
            assertThat(s.getStart()).isEqualTo(Duration.ofMillis(100));
            assertThat(s.getChannelId()).isEqualTo(1);
            assertThat(s.getSpeechRate()).isEqualTo(60);
        });
        assertThat(result.getAsrDuration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void origAsrDataAsAnArrayAsTheParameterTableSays() throws Exception {
        VideoTagResult blocks = VideoTagResult.fromData(JSON.readTree(
                "{\"OrigASRData\":[{\"AsrTextList\":[{\"StartTime\":0,\"EndTime\":700,\"Text\":\"Yes.\"}],"
                + "\"Duration\":\"30016\"}]}"));
        VideoTagResult sentences = VideoTagResult.fromData(JSON.readTree(
                "{\"OrigASRData\":[{\"StartTime\":0,\"EndTime\":700,\"Text\":\"Yes.\"},"
                + "{\"StartTime\":900,\"EndTime\":1200,\"Text\":\"No.\"}]}"));

        assertThat(blocks.getAsrText()).isEqualTo("Yes.");
        assertThat(blocks.getAsrDuration()).isEqualTo(Duration.ofMillis(30016));
        assertThat(sentences.getAsrText()).isEqualTo("Yes. No.");
        assertThat(sentences.getAsrDuration()).isNull();
    }

    @Test
    void anEmptyObjectIsAnEmptyResult() throws Exception {
        VideoTagResult result = VideoTagResult.fromData(JSON.readTree("{}"));

        assertThat(result).isEqualTo(VideoTagResult.EMPTY);
        assertThat(result.isEmpty()).isTrue();
        assertThat(result.getAsrText()).isEmpty();
    }

    @Test
    void whatCannotBeReadIsNamedByItsPath() {
        assertFails("{\"Keyword\":[{\"Tag\":\"a\"},{\"Tag\":\"b\",\"Times\":[\"12\",\"soon\"]}]}",
                "Keyword[1].Times[1] should be a number, not \"soon\"");
        assertFails("{\"Person\":\"Zhang San\"}", "Person should be a list, not a text (\"Zhang San\")");
        assertFails("{\"Location\":[{\"Times\":[\"1\"]}]}", "Location[0] has no Tag");
        assertFails("{\"OrigASRData\":{\"AsrTextList\":[{\"StartTime\":-5}]}}",
                "OrigASRData.AsrTextList[0].StartTime should not be negative: -5");
        assertFails("[1,2]", "Data should be an object, not a list ([1,2])");
    }

    private static void assertFails(String data, String message) {
        assertThatThrownBy(() -> VideoTagResult.fromData(JSON.readTree(data)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void writesItsJsonWithIsoDurations() throws Exception {
        VideoTagResult result = VideoTagResult.fromData(JSON.readTree(PUBLISHED));

        JsonNode json = JSON.readTree(JSON.writeValueAsString(result));

        assertThat(json.get("persons").get(0).toString()).isEqualTo(
                "{\"tag\":\"Zhang San\",\"times\":[\"PT10.76S\"],\"faceUrl\":\"http://example.com/Index_00016.jpg\"}");
        assertThat(json.get("categories").get(0).toString()).isEqualTo("{\"tag\":\"Food\",\"times\":[]}");
        assertThat(json.get("asrDuration").asText()).isEqualTo("PT30.016S");
        assertThat(json.get("asrSentences").get(0).toString()).isEqualTo(
                "{\"start\":\"PT0S\",\"end\":\"PT0.7S\",\"text\":\"Yes.\",\"channelId\":0,\"speechRate\":85}");
        assertThat(json.get("timeTags").isArray()).isTrue();
    }
}
