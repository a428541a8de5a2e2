package io.github.camelaliyun.vod.aijob;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.AiJobDataException;
import io.github.camelaliyun.vod.aijob.model.result.AsrSentence;
import io.github.camelaliyun.vod.aijob.model.result.DnaMatch;
import io.github.camelaliyun.vod.aijob.model.result.MediaDnaResult;
import io.github.camelaliyun.vod.aijob.model.result.VideoTag;
import io.github.camelaliyun.vod.aijob.model.result.VideoTagResult;
import io.github.camelaliyun.vod.emulator.EmulatedJob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Routes that split and filter on tags, speech and fingerprint matches with the simple language and the type
 * converters, without JSON code, against the emulator over HTTP: the submitted Config shapes the Data it answers.
 */
class TypedResultRoutesTest extends EmulatedCamelTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tag-with-speech")
                        .to("aivod-aijob:tags?operation=submitAiJob&jobTypes=AIVideoTag&track=true"
                            + "&config={\"AIVideoTag\":{\"AnalyseTypes\":\"ASR\",\"OrigASRData\":true}}");
                from("direct:tag").to("aivod-aijob:tags?operation=submitAiJob&jobTypes=AIVideoTag&track=true");
                from("aivod-aijob:tags?delay=100&initialDelay=0").routeId("tags")
                        .setHeader("keywords", simple("${body.videoTagResult.keywords}"))
                        .setHeader("speech", simple("${body.videoTagResult.asrText}"))
                        .to("mock:tagged")
                        .split(simple("${body.videoTagResult.tags}"))
                            .setHeader("category", simple("${body.category}"))
                            .to("mock:tag")
                        .end();

                from("aivod-aijob:dna?delay=100&initialDelay=0").routeId("dna")
                        .filter(simple("${body.mediaDnaResult.maxSimilarity} >= 0.9")).to("mock:has-duplicate").end()
                        .convertBodyTo(MediaDnaResult.class)
                        .split(simple("${body.matches}"))
                            .filter(simple("${body.similarity} >= 0.9"))
                                .to("mock:duplicate");

                from("direct:lookup-tags").to("aivod-aijob:lookup").split(body())
                        .setBody(simple("${body.videoTagResult.keywords}")).to("mock:looked-up");
                from("direct:lookup-marshal").to("aivod-aijob:lookup").split(body()).marshal().json()
                        .to("mock:marshalled");
                from("direct:convert").convertBodyTo(VideoTagResult.class);
            }
        };
    }

    @Test
    void theConfigAskingForSpeechGivesSentencesAndKeywordsOnly() throws Exception {
        MockEndpoint tagged = getMockEndpoint("mock:tagged");
        tagged.expectedMessageCount(1);
        MockEndpoint tags = getMockEndpoint("mock:tag");

        template.sendBody("direct:tag-with-speech", "video-with-speech");

        tagged.assertIsSatisfied(10_000);
        AiJob job = tagged.getExchanges().get(0).getMessage().getBody(AiJob.class);
        VideoTagResult result = job.getVideoTagResult();
        assertThat(result.getAsrSentences()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.getText()).isNotBlank();
            assertThat(s.getEnd()).isGreaterThan(s.getStart());
        });
        assertThat(result.getAsrDuration()).isPositive();
        assertThat(result.getKeywords()).isNotEmpty();
        assertThat(result.getPersons()).isEmpty();
        assertThat(result.getCategories()).isEmpty();
        Exchange first = tagged.getExchanges().get(0);
        assertThat(first.getMessage().getHeader("speech", String.class))
                .isEqualTo(result.getAsrSentences().stream().map(AsrSentence::getText)
                        .reduce((a, b) -> a + " " + b).orElseThrow());
        assertThat(first.getMessage().getHeader("keywords", String.class)).isEqualTo(result.getKeywords().toString());
        await().atMost(Duration.ofSeconds(5)).until(() -> tags.getReceivedCounter() == result.getTags().size());
        assertThat(tags.getExchanges()).extracting(e -> e.getMessage().getBody(VideoTag.class))
                .containsExactlyElementsOf(result.getTags());
        assertThat(tags.getExchanges()).extracting(e -> e.getMessage().getHeader("category"))
                .containsOnly(VideoTag.KEYWORD);
    }

    @Test
    void withoutAnalyseTypesEveryCategoryComesAndNoSpeech() throws Exception {
        MockEndpoint tagged = getMockEndpoint("mock:tagged");
        tagged.expectedMessageCount(1);

        template.sendBody("direct:tag", "video-without-config");

        tagged.assertIsSatisfied(10_000);
        VideoTagResult result = tagged.getExchanges().get(0).getMessage().getBody(AiJob.class).getVideoTagResult();
        assertThat(result.getPersons()).isNotEmpty().allSatisfy(p -> assertThat(p.getFaceUrl()).startsWith("http"));
        assertThat(result.getKeywords()).isNotEmpty().allSatisfy(k -> assertThat(k.getTimes()).isNotEmpty());
        assertThat(result.getLocations()).isNotEmpty();
        assertThat(result.getTimeTags()).isNotEmpty();
        assertThat(result.getCategories()).isNotEmpty();
        assertThat(result.getAsrSentences()).isEmpty();
    }

    @Test
    void fingerprintMatchesAreSplitAndFilteredBySimilarity() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("dna-1").type(EmulatedJob.TYPE_MEDIA_DNA).succeedsWith(
                "{\"VideoDNA\":[{\"Similarity\":\"0.95\",\"PrimaryKey\":\"near\",\"Detail\":[{\"Input\":{\"Start\":\"0.0\","
                + "\"Duration\":\"14.0\"},\"Duplication\":{\"Start\":\"0.5\",\"Duration\":\"14.4\"}}]},"
                + "{\"Similarity\":\"0.5\",\"PrimaryKey\":\"far\"},{\"Similarity\":\"1\",\"PrimaryKey\":\"same\"}]}").build());
        VOD.emulator().addJob(EmulatedJob.builder("dna-2").type(EmulatedJob.TYPE_MEDIA_DNA)
                .succeedsWith("{\"VideoDNA\":[{\"Similarity\":\"0.89\",\"PrimaryKey\":\"other\"}]}").build());
        VOD.emulator().addJob(EmulatedJob.builder("dna-3").type(EmulatedJob.TYPE_MEDIA_DNA)
                .succeedsWith("{\"VideoDNA\":[]}").build());
        MockEndpoint duplicates = getMockEndpoint("mock:duplicate");
        duplicates.expectedMessageCount(2);
        MockEndpoint hasDuplicate = getMockEndpoint("mock:has-duplicate");
        VodAiJobConsumer consumer = (VodAiJobConsumer) context.getRoute("dna").getConsumer();

        template.sendBody("aivod-aijob:dna?operation=track", "dna-1 dna-2 dna-3");

        duplicates.assertIsSatisfied(10_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.getPendingJobCount() == 0);
        assertThat(duplicates.getExchanges()).extracting(e -> e.getMessage().getBody(DnaMatch.class))
                .extracting(DnaMatch::getPrimaryKey, DnaMatch::getSimilarity)
                .containsExactly(tuple("near", 0.95), tuple("same", 1.0));
        assertThat(hasDuplicate.getExchanges()).extracting(e -> e.getMessage().getBody(AiJob.class).getJobId())
                .containsExactly("dna-1");
    }

    @Test
    void theSimpleLanguageFailsTheExchangeOfABrokenJobButMarshallingWritesIt() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("broken").mediaId("m1").succeedsWithPublishedSample().build());
        VOD.emulator().addJob(EmulatedJob.builder("fine").mediaId("m2").build());

        assertThatThrownBy(() -> template.requestBody("direct:lookup-tags", "fine,broken"))
                .isInstanceOf(CamelExecutionException.class)
                .satisfies(e -> assertThat(rootOfType(e, AiJobDataException.class))
                        .isNotNull().extracting(AiJobDataException::getJobId).isEqualTo("broken"));

        MockEndpoint marshalled = getMockEndpoint("mock:marshalled");
        marshalled.expectedMessageCount(2);
        template.requestBody("direct:lookup-marshal", "fine,broken");
        marshalled.assertIsSatisfied();
        ObjectMapper json = new ObjectMapper();
        JsonNode fine = json.readTree(marshalled.getExchanges().get(0).getMessage().getBody(String.class));
        JsonNode broken = json.readTree(marshalled.getExchanges().get(1).getMessage().getBody(String.class));
        assertThat(fine.get("videoTagResult").get("keywords").isArray()).isTrue();
        assertThat(broken.has("videoTagResult")).isFalse();
        assertThat(broken.get("dataError").asText()).contains("broken").contains("not valid JSON");
        assertThat(broken.get("data").asText()).contains("\\[");
    }

    @Test
    void anAiJobConvertsToItsResultAndAResultToJson() {
        AiJob job = AiJob.builder("c").type(AiJob.TYPE_VIDEO_TAG).statusText("success")
                .data("{\"Keyword\":[{\"Tag\":\"cat\",\"Times\":[\"1500\"]}]}").build();
        AiJob broken = AiJob.builder("c2").type(AiJob.TYPE_VIDEO_TAG).statusText("success").data("{").build();

        VideoTagResult result = template.requestBody("direct:convert", job, VideoTagResult.class);

        assertThat(result.getTagNames()).containsExactly("cat");
        assertThat(context.getTypeConverter().convertTo(String.class, result)).isEqualTo(
                "{\"persons\":[],\"keywords\":[{\"tag\":\"cat\",\"times\":[\"PT1.5S\"]}],\"locations\":[],"
                + "\"timeTags\":[],\"categories\":[],\"asrSentences\":[]}");
        assertThat(context.getTypeConverter().convertTo(MediaDnaResult.class, job).isEmpty()).isTrue();
        assertThatThrownBy(() -> template.requestBody("direct:convert", broken))
                .satisfies(e -> assertThat(rootOfType(e, AiJobDataException.class)).isNotNull()
                        .extracting(AiJobDataException::getJobId).isEqualTo("c2"));
    }

    private static <T extends Throwable> T rootOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
