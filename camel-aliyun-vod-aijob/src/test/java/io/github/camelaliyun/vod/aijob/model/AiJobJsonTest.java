package io.github.camelaliyun.vod.aijob.model;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An {@link AiJob} (and a {@link SubmittedAiJob}) through Camel's JSON data formats the way routes use them, with
 * Camel's defaults and with the mappers applications bring (plain, or with JavaTimeModule as Spring Boot registers
 * it), and back; and the type converters, which must write the same JSON.
 */
class AiJobJsonTest extends CamelTestSupport {

    private static final Instant CREATED = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant COMPLETED = Instant.parse("2026-11-25T10:00:07.250Z");

    /** Every key an AiJob's JSON has, in order; {@code statusText} only for UNKNOWN. */
    private static final List<String> KEYS = List.of("jobId", "mediaId", "type", "status", "creationTime",
            "completeTime", "code", "message", "data");

    /** The derived keys written after {@code data}: the typed result, or why there is none. */
    private static final Map<String, List<String>> DERIVED_KEYS = Map.of("done", List.of("mediaDnaResult"),
            "failed", List.of("dataError"));

    /** The routes of the data formats tried, by name: each marshals on {@code direct:NAME} and unmarshals on {@code direct:NAME-back}. */
    private static final List<String> FORMATS = List.of("json", "jackson", "plain-mapper", "java-time-mapper");

    @Override
    protected RouteBuilder createRouteBuilder() {
        ObjectMapper timeMapper = new ObjectMapper().registerModule(new JavaTimeModule());
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:json").marshal().json();
                from("direct:json-back").unmarshal().json(AiJob.class);
                from("direct:jackson").marshal().json(JsonLibrary.Jackson);
                from("direct:jackson-back").unmarshal().json(JsonLibrary.Jackson, AiJob.class);
                from("direct:plain-mapper").marshal(new JacksonDataFormat(new ObjectMapper(), AiJob.class));
                from("direct:plain-mapper-back").unmarshal(new JacksonDataFormat(new ObjectMapper(), AiJob.class));
                from("direct:java-time-mapper").marshal(new JacksonDataFormat(timeMapper, AiJob.class));
                from("direct:java-time-mapper-back").unmarshal(new JacksonDataFormat(timeMapper, AiJob.class));
                from("direct:submitted-back").unmarshal().json(SubmittedAiJob.class);
            }
        };
    }

    static Stream<Arguments> jobsInEveryFormat() {
        List<AiJob> jobs = List.of(
                AiJob.builder("done").mediaId("m1").type(AiJob.TYPE_MEDIA_DNA).statusText("success")
                        .creationTime(CREATED).completeTime(COMPLETED).code("0")
                        .data("{\"VideoFpResult\":{\"Similarity\":0.9}}").build(),
                AiJob.builder("failed").mediaId("m2").type(AiJob.TYPE_VIDEO_TAG).statusText("fail")
                        .creationTime(CREATED).completeTime(COMPLETED).code("E42").message("no video")
                        .data("{\"AsrTextList\":\\[{\"EndTime\":700}]} not JSON").build(),
                AiJob.builder("queued").type("AINewKind").statusText("Queued").creationTime(CREATED).build(),
                AiJob.builder("missing").status(AiJobStatus.NOT_FOUND).build(),
                AiJob.builder("slow").mediaId("m3").status(AiJobStatus.TIMED_OUT).creationTime(CREATED).build());
        List<Arguments> all = new ArrayList<>();
        for (String format : FORMATS) {
            for (AiJob job : jobs) {
                all.add(Arguments.of(format, job));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("jobsInEveryFormat")
    void marshalsToIsoTimesOneStatusAndTheRawDataAndBackToAnEqualJob(String format, AiJob job) throws Exception {
        String json = template.requestBody("direct:" + format, job, String.class);

        JsonNode tree = new ObjectMapper().readTree(json);
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        if (job.getStatus() == AiJobStatus.UNKNOWN) {
            assertThat(keys).containsExactlyInAnyOrderElementsOf(
                    Stream.concat(KEYS.stream(), Stream.of("statusText")).toList());
            assertThat(tree.get("statusText").asText()).isEqualTo("Queued");
        } else {
            assertThat(keys).containsExactlyInAnyOrderElementsOf(
                    Stream.concat(KEYS.stream(), DERIVED_KEYS.getOrDefault(job.getJobId(), List.of()).stream()).toList());
        }
        if (job.getJobId().equals("done")) {
            // the typed result is JSON, not a string in a string, and VideoDNA missing is no match
            assertThat(tree.get("mediaDnaResult").toString()).isEqualTo("{\"matches\":[]}");
        }
        if (job.getJobId().equals("failed")) {
            assertThat(tree.get("dataError").asText()).contains("Data of AI job failed is not valid JSON");
        }
        assertThat(tree.get("status").asText()).isEqualTo(job.getStatus().name());
        assertThat(tree.get("creationTime").asText()).isEqualTo(String.valueOf(job.getCreationTime()));
        assertThat(tree.get("completeTime").isNull() ? null : tree.get("completeTime").asText())
                .isEqualTo(job.getCompleteTime() == null ? null : job.getCompleteTime().toString());
        assertThat(tree.get("data").isNull() ? null : tree.get("data").asText()).isEqualTo(job.getData());

        AiJob back = template.requestBody("direct:" + format + "-back", json, AiJob.class);

        assertThat(back).isEqualTo(job);
        assertThat(back.getStatus()).isEqualTo(job.getStatus());
        assertThat(back.getStatusText()).isEqualTo(job.getStatusText());
        assertThat(back.getCreationTime()).isEqualTo(job.getCreationTime());
        assertThat(back.getData()).isEqualTo(job.getData());
    }

    @Test
    void theConvertersWriteTheSameJsonAsTheDataFormat() throws Exception {
        AiJob job = AiJob.builder("done").mediaId("m1").type(AiJob.TYPE_MEDIA_DNA).statusText("success")
                .creationTime(CREATED).completeTime(COMPLETED).data("not JSON at all").build();
        AiJob other = AiJob.builder("queued").statusText("Queued").build();
        String json = template.requestBody("direct:json", job, String.class);
        String array = template.requestBody("direct:json", List.of(job, other), String.class);

        assertThat(context.getTypeConverter().convertTo(String.class, job)).isEqualTo(json);
        assertThat(context.getTypeConverter().convertTo(byte[].class, job)).isEqualTo(bytes(json));
        assertThat(context.getTypeConverter().convertTo(InputStream.class, job).readAllBytes()).isEqualTo(bytes(json));
        assertThat(context.getTypeConverter().convertTo(Map.class, job))
                .isEqualTo(new ObjectMapper().readValue(json, new TypeReference<Map<String, Object>>() {
                }));

        List<AiJob> jobs = List.of(job, other);
        assertThat(context.getTypeConverter().convertTo(String.class, jobs)).isEqualTo(array);
        assertThat(context.getTypeConverter().convertTo(byte[].class, jobs)).isEqualTo(bytes(array));
        assertThat(context.getTypeConverter().convertTo(InputStream.class, jobs).readAllBytes()).isEqualTo(bytes(array));
    }

    @Test
    void submittedJobsMarshalAndComeBackEqual() {
        SubmittedAiJob job = new SubmittedAiJob("job-1", "video-1", AiJob.TYPE_VIDEO_TAG);

        for (String format : FORMATS) {
            String json = template.requestBody("direct:" + format, job, String.class);

            assertThat(json).as(format)
                    .isEqualTo("{\"jobId\":\"job-1\",\"mediaId\":\"video-1\",\"type\":\"AIVideoTag\"}");
            assertThat(template.requestBody("direct:submitted-back", json, SubmittedAiJob.class)).isEqualTo(job);
        }
        String list = template.requestBody("direct:json", List.of(job), String.class);
        assertThat(context.getTypeConverter().convertTo(String.class, job)).isEqualTo(
                template.requestBody("direct:json", job, String.class));
        assertThat(context.getTypeConverter().convertTo(String.class, List.of(job))).isEqualTo(list);
        assertThat(context.getTypeConverter().convertTo(byte[].class, List.of(job))).isEqualTo(bytes(list));
    }

    @Test
    void jsonWrittenBeforeTheStatusWasTheEnumNameStillReads() {
        AiJob back = template.requestBody("direct:json-back",
                "{\"jobId\":\"old\",\"status\":\"success\",\"creationTime\":null,\"data\":\"x\"}", AiJob.class);

        assertThat(back.getStatus()).isEqualTo(AiJobStatus.SUCCESS);
        assertThat(back.getData()).isEqualTo("x");
    }

    @Test
    void jsonThatIsNoAiJobFailsNamingWhatIsWrong() {
        assertThatThrownBy(() -> template.requestBody("direct:json-back", "{\"status\":\"SUCCESS\"}", AiJob.class))
                .hasStackTraceContaining("The JSON of an AiJob has no jobId");
        assertThatThrownBy(() -> template.requestBody("direct:json-back",
                "{\"jobId\":\"a\",\"creationTime\":\"yesterday\"}", AiJob.class))
                .hasStackTraceContaining("creationTime of an AiJob must be an ISO-8601 instant such as"
                                         + " 2026-01-31T10:00:00Z, not yesterday");
    }

    @Test
    void otherListsKeepCamelsOwnConversions() {
        assertThat(context.getTypeConverter().convertTo(String.class, List.of())).isEqualTo("[]");
        assertThat(context.getTypeConverter().convertTo(String.class, List.of("x", "y"))).isEqualTo("[x, y]");
        assertThat(context.getTypeConverter().convertTo(String.class, List.of(AiJob.builder("a").build(), "y")))
                .startsWith("[AiJob[a");
        assertThat(context.getTypeConverter().tryConvertTo(byte[].class, List.of("x", "y"))).isNull();
        assertThat(context.getTypeConverter().tryConvertTo(InputStream.class, List.of("x", "y"))).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
