package io.github.camelaliyun.vod.aijob;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the producer takes as input, against the emulator: no ids at all fails, Config and UserData are one
 * JSON object, Unicode spaces separate ids and never hide inside one, the results of submitAiJob and
 * listAiJobs feed track and untrack, the operation header in any case.
 */
class ProducerInputTest extends EmulatedCamelTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the failures these tests provoke are asserted on, not logged
                errorHandler(defaultErrorHandler().logExhausted(false));
                from("direct:listAiJobs").to("aivod-aijob:in");
                from("direct:track").to("aivod-aijob:in?operation=track");
                from("direct:untrack").to("aivod-aijob:in?operation=untrack");
                from("direct:submit").to("aivod-aijob:in?operation=submitAiJob&jobTypes=AIMediaDNA");
                from("direct:submitAndTrack").to("aivod-aijob:in?operation=submitAiJob&jobTypes=AIMediaDNA,AIVideoTag")
                        .to("aivod-aijob:in?operation=track");
            }
        };
    }

    private Exchange send(String uri, Object body, Map<String, Object> headers) {
        return template.request(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().getHeaders().putAll(headers);
        });
    }

    private List<String> pending() {
        return context.getEndpoint("aivod-aijob:in", VodAiJobEndpoint.class).getJobStore().pending(0, 100).stream()
                .map(p -> p.jobId()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = { "direct:listAiJobs", "direct:track", "direct:untrack" })
    void noIdsAtAllFails(String uri) {
        for (Object body : Arrays.asList("", "  ", " , ", List.of(), Arrays.asList(null, null), new String[0])) {
            Exchange out = send(uri, body, Map.of());
            assertThat(out.getException()).as("body %s", body).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("No job ids in the message body");
        }
        Exchange out = send(uri, "job-1", Map.of("CamelAliyunVodAiJobIds", ""));
        assertThat(out.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No job ids in the header CamelAliyunVodAiJobIds (a header that is set takes"
                                      + " precedence: the body was not read)");
        out = send(uri, "job-1", Map.of("CamelAliyunVodAiJobIds", List.of()));
        assertThat(out.getException()).hasMessageContaining("No job ids in the header CamelAliyunVodAiJobIds");
        assertThat(VOD.emulator().stats().requests()).isZero();
        assertThat(pending()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u00A0", "\u2007", "\u202F", "\u200B", "\uFEFF", " \u200B ", "\u3000" })
    void unicodeSpacesSeparateIds(String space) {
        VOD.emulator().addJob(EmulatedJob.builder("job-1").build());
        VOD.emulator().addJob(EmulatedJob.builder("job-2").build());

        Exchange out = send("direct:listAiJobs", space + "job-1" + space + "job-2" + space, Map.of());

        assertThat(out.getException()).isNull();
        assertThat(VOD.emulator().stats().listAiJobBatches()).containsExactly(List.of("job-1", "job-2"));
        assertThat(out.getMessage().getBody(List.class)).hasSize(2);

        out = send("direct:track", List.of("job-3" + space, space + "job-4"), Map.of());
        assertThat(out.getException()).isNull();
        assertThat(pending()).containsExactly("job-3", "job-4");
    }

    @Test
    void unicodeSpacesInsideAMediaIdAreRefusedNamingTheCharacter() {
        assertThat(send("direct:submit", "video\u00A0one", Map.of()).getException())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Media id 'video\\u00a0one' of the message body contains whitespace (U+00A0)");
        assertThat(send("direct:submit", "video\u200Bone", Map.of()).getException())
                .hasMessageContaining("contains whitespace (U+200B)");
        assertThat(send("direct:submit", "m1", Map.of("CamelAliyunVodAiJobSubmitTypes", "AIMediaDNA\u00A0AIVideoTag"))
                .getException()).isNull();
        assertThat(VOD.emulator().stats().calls("SubmitAIJob")).isEqualTo(1);
    }

    @Test
    void configAndUserDataMustBeOneJsonObject() {
        for (String bad : List.of("{\"AIVideoTag\":{}}}", "42", "\"text\"", "[1]", "null", "{} {}")) {
            assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:x?config=RAW(" + bad + ")"))
                    .as(bad).hasMessageContaining("The config option");
            assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:x?userData=RAW(" + bad + ")"))
                    .as(bad).hasMessageContaining("The userData option");
            assertThat(send("direct:submit", "m1", Map.of("CamelAliyunVodAiJobSubmitConfig", bad)).getException())
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The header CamelAliyunVodAiJobSubmitConfig");
            assertThat(send("direct:submit", "m1", Map.of("CamelAliyunVodAiJobSubmitUserData", bad)).getException())
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The header CamelAliyunVodAiJobSubmitUserData");
        }
        assertThat(send("direct:submit", "m1", Map.of("CamelAliyunVodAiJobSubmitConfig", "42")).getException())
                .hasMessage("The header CamelAliyunVodAiJobSubmitConfig holds a JSON number, not a JSON object; give"
                            + " one JSON object such as {\"AIVideoTag\":{\"AnalyseTypes\":\"ASR,OCR\"}}, or a Map");
        assertThat(VOD.emulator().stats().requests()).isZero();
        assertThat(send("direct:submit", "m1", Map.of("CamelAliyunVodAiJobSubmitConfig", " {\"AIVideoTag\":{}} \n"))
                .getException()).isNull();
    }

    @Test
    void trackTakesWhatSubmitAiJobReturns() {
        Exchange out = send("direct:submitAndTrack", "m1", Map.of());

        assertThat(out.getException()).isNull();
        List<String> submitted = out.getMessage().getHeader(VodAiJobConstants.SUBMITTED_IDS, List.class);
        assertThat(submitted).hasSize(2);
        assertThat(out.getMessage().getBody(List.class)).containsExactlyElementsOf(submitted);
        assertThat(pending()).containsExactlyElementsOf(submitted);
    }

    @Test
    void listAiJobsAndUntrackTakeJobObjectsSingleOrInACollection() {
        VOD.emulator().addJob(EmulatedJob.builder("job-1").build());
        send("direct:track", "job-1 job-2", Map.of());

        List<AiJob> jobs = send("direct:listAiJobs", "job-1", Map.of()).getMessage().getBody(List.class);
        Exchange again = send("direct:listAiJobs", jobs, Map.of());
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getBody(List.class)).hasSize(1);

        assertThat(send("direct:untrack", jobs.get(0), Map.of()).getMessage().getBody(List.class))
                .containsExactly("job-1");
        assertThat(send("direct:untrack", List.of(new SubmittedAiJob("job-2", "m", "AIMediaDNA")), Map.of())
                .getMessage().getBody(List.class)).containsExactly("job-2");
        assertThat(pending()).isEmpty();
    }

    @Test
    void theOperationHeaderIsReadInAnyCaseAndAnUnknownOneIsNamed() {
        Exchange out = send("direct:listAiJobs", "job-9", Map.of(VodAiJobConstants.OPERATION, "TRACK"));
        assertThat(out.getException()).isNull();
        assertThat(pending()).containsExactly("job-9");

        out = send("direct:listAiJobs", "job-9", Map.of(VodAiJobConstants.OPERATION, VodAiJobOperations.untrack));
        assertThat(pending()).isEmpty();

        out = send("direct:listAiJobs", "job-9", Map.of(VodAiJobConstants.OPERATION, "submit"));
        assertThat(out.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown aivod-aijob operation 'submit' in the header CamelAliyunVodAiJobOperation: valid"
                            + " operations are listAiJobs, track, untrack, submitAiJob, vodEvent, setMessageCallback");
    }
}
