package io.github.camelaliyun.vod.aijob.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.model.result.MediaDnaResult;
import io.github.camelaliyun.vod.aijob.model.result.VideoTagResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed results on {@link AiJob}: per type, per job failures, and JSON that never fails for a broken Data. */
class AiJobResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Data of the ListAIJob page's sample reply, as published: {@code \[} makes it invalid JSON. */
    private static final String PUBLISHED_SAMPLE = "{\"OrigASRData\":{\"AsrTextList\":\\[{\"EndTime\":700,"
            + "\"StartTime\":0,\"Text\":\"Yes.\",\"ChannelId\":0,\"SpeechRate\":85}],\"Duration\":\"30016\"}}\n";

    private static AiJob job(String id, String type, String data) {
        return AiJob.builder(id).mediaId("m-" + id).type(type).status(AiJobStatus.SUCCESS).code("0").data(data).build();
    }

    @Test
    void eachTypeHasItsResultAndTheOtherIsEmpty() {
        AiJob tags = job("t", AiJob.TYPE_VIDEO_TAG, "{\"Keyword\":[{\"Tag\":\"cat\",\"Times\":[\"1000\"]}]}");
        AiJob dna = job("d", AiJob.TYPE_MEDIA_DNA, "{\"VideoDNA\":[{\"PrimaryKey\":\"p\",\"Similarity\":\"0.97\"}]}");

        assertThat(tags.getVideoTagResult().getTagNames()).containsExactly("cat");
        assertThat(tags.getMediaDnaResult()).isEqualTo(MediaDnaResult.EMPTY);
        assertThat(dna.getMediaDnaResult().getMatches()).extracting(m -> m.getPrimaryKey()).containsExactly("p");
        assertThat(dna.getVideoTagResult()).isEqualTo(VideoTagResult.EMPTY);
        assertThat(tags.getDataError()).isNull();
        assertThat(dna.getDataError()).isNull();
    }

    @Test
    void jobsWithoutDataOrOfAnotherTypeHaveEmptyResults() {
        AiJob running = AiJob.builder("r").type(AiJob.TYPE_VIDEO_TAG).statusText("Processing").build();
        AiJob failed = AiJob.builder("f").type(AiJob.TYPE_MEDIA_DNA).statusText("fail").code("E1").build();
        AiJob other = job("o", "AINewKind", "not JSON");

        for (AiJob job : new AiJob[] { running, failed, other }) {
            assertThat(job.getVideoTagResult().isEmpty()).isTrue();
            assertThat(job.getMediaDnaResult().isEmpty()).isTrue();
            assertThat(job.getDataError()).isNull();
        }
    }

    @Test
    void thePublishedSampleFailsForItsJobAloneNamingItAndKeepingTheRawText() {
        AiJob broken = job("a718a3a1e8bb42ee3bc88921e94****", AiJob.TYPE_VIDEO_TAG, PUBLISHED_SAMPLE);

        assertThatThrownBy(broken::getVideoTagResult).isInstanceOf(AiJobDataException.class)
                .hasMessageContaining("a718a3a1e8bb42ee3bc88921e94****").hasMessageContaining("not valid JSON")
                .hasMessageContaining("AiJob.getData()")
                .satisfies(e -> assertThat(((AiJobDataException) e).getJobId())
                        .isEqualTo("a718a3a1e8bb42ee3bc88921e94****"));
        // asked again: the same message, a fresh exception
        assertThatThrownBy(broken::getVideoTagResult).isInstanceOf(AiJobDataException.class)
                .hasMessage(broken.getDataError());
        assertThat(broken.getData()).isEqualTo(PUBLISHED_SAMPLE);
        assertThat(broken.getMediaDnaResult()).isEqualTo(MediaDnaResult.EMPTY);
    }

    @Test
    void aFieldOfTheWrongKindNamesTheJobAndThePath() {
        AiJob broken = job("j9", AiJob.TYPE_MEDIA_DNA, "{\"VideoDNA\":[{\"PrimaryKey\":\"p\",\"Similarity\":\"high\"}]}");

        assertThatThrownBy(broken::getMediaDnaResult).isInstanceOf(AiJobDataException.class)
                .hasMessage("Data of AIMediaDNA job j9 cannot be read: VideoDNA[0].Similarity should be a number, not"
                            + " \"high\"; the raw text is still available from AiJob.getData()");
    }

    @Test
    void dataSentAsAJsonStringHoldingTheJsonIsRead() {
        AiJob job = job("s", AiJob.TYPE_MEDIA_DNA, "\"{\\\"VideoDNA\\\":[{\\\"PrimaryKey\\\":\\\"p\\\",\\\"Similarity\\\":\\\"1\\\"}]}\"");

        assertThat(job.getMediaDnaResult().getMaxSimilarity()).isEqualTo(1.0);
    }

    @Test
    void theJsonHoldsTheTypedResultAsJsonAndReadsBackEqual() throws Exception {
        AiJob job = job("d", AiJob.TYPE_MEDIA_DNA, "{\"VideoDNA\":[{\"PrimaryKey\":\"p\",\"Similarity\":\"0.97\","
                                                   + "\"Detail\":[{\"Input\":{\"Start\":\"1.0\",\"Duration\":\"2.0\"},"
                                                   + "\"Duplication\":{\"Start\":\"3.0\",\"Duration\":\"2.0\"}}]}]}");

        String text = JSON.writeValueAsString(job);
        JsonNode json = JSON.readTree(text);

        assertThat(json.get("data").isTextual()).isTrue();
        assertThat(json.get("mediaDnaResult").get("matches").get(0).get("similarity").asDouble())
                .isEqualTo(0.97);
        assertThat(json.get("mediaDnaResult").get("matches").get(0).get("segments").get(0).get("input").get("start")
                .asText()).isEqualTo("PT1S");
        assertThat(json.has("videoTagResult")).isFalse();
        assertThat(json.has("dataError")).isFalse();
        AiJob back = JSON.readValue(text, AiJob.class);
        assertThat(back).isEqualTo(job);
        assertThat(back.getMediaDnaResult()).isEqualTo(job.getMediaDnaResult());
    }

    @Test
    void aBrokenJobStillMarshalsWithTheReasonInsteadOfTheResult() throws Exception {
        AiJob broken = job("b", AiJob.TYPE_VIDEO_TAG, PUBLISHED_SAMPLE);

        String text = JSON.writeValueAsString(broken);
        JsonNode json = JSON.readTree(text);

        assertThat(json.get("data").asText()).isEqualTo(PUBLISHED_SAMPLE);
        assertThat(json.has("videoTagResult")).isFalse();
        assertThat(json.get("dataError").asText()).contains("job b").contains("not valid JSON");
        assertThat(JSON.readValue(text, AiJob.class)).isEqualTo(broken);
    }
}
