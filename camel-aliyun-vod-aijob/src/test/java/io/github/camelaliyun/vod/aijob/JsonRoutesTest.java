package io.github.camelaliyun.vod.aijob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finished jobs leave a route as JSON the way a user writes it on day one: {@code marshal().json()} after the
 * consumer, and {@code to("file:...")} with an {@code AiJob} or the {@code List<AiJob>} of listAiJobs as the body.
 */
class JsonRoutesTest extends EmulatedCamelTestSupport {

    @TempDir
    static Path dir;

    /** The job each file was written from, by job id. */
    private final Map<String, AiJob> written = new ConcurrentHashMap<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:marshalled?delay=100&initialDelay=0").routeId("marshalled")
                        .marshal().json()
                        .to("mock:marshalled");
                from("aivod-aijob:files?delay=100&initialDelay=0").routeId("files")
                        .process(e -> written.put(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class),
                                e.getMessage().getBody(AiJob.class)))
                        .to("file:" + dir.resolve("jobs") + "?fileName=${header.CamelAliyunVodAiJobId}.json");
                from("direct:lookup-to-file")
                        .to("aivod-aijob:lookup")
                        .to("file:" + dir.resolve("lookups") + "?fileName=found.json");
            }
        };
    }

    @Test
    void marshalledJobsAreDeliveredOnceEach() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("ok").mediaId("m1").succeedsWith("{\"k\":1}").build());
        VOD.emulator().addJob(EmulatedJob.builder("raw").mediaId("m2").succeedsWith("not JSON {").build());
        VOD.emulator().addJob(EmulatedJob.builder("bad").mediaId("m3").failsWith("E42", "no video").build());
        MockEndpoint out = getMockEndpoint("mock:marshalled");
        VodAiJobConsumer consumer = (VodAiJobConsumer) context.getRoute("marshalled").getConsumer();

        template.sendBody("aivod-aijob:marshalled?operation=track", "ok raw bad");

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getPendingJobCount() == 0);
        assertThat(out.getExchanges()).hasSize(3).allSatisfy(e -> {
            assertThat(e.getException()).isNull();
            assertThat(e.getMessage().getHeader(VodAiJobConstants.DELIVERY_COUNT, Integer.class)).isEqualTo(1);
        });
        ObjectMapper json = new ObjectMapper();
        List<AiJob> jobs = out.getExchanges().stream()
                .map(e -> read(json, e.getMessage().getBody(String.class), AiJob.class)).toList();
        assertThat(jobs).extracting(AiJob::getJobId).containsExactlyInAnyOrder("ok", "raw", "bad");
        assertThat(jobs).filteredOn(j -> j.getJobId().equals("raw")).singleElement()
                .extracting(AiJob::getData).isEqualTo("not JSON {");
        // one spelling: the status header is the status of the JSON (read once above: the body is a stream)
        assertThat(out.getExchanges()).extracting(e -> e.getMessage().getHeader(VodAiJobConstants.STATUS))
                .containsExactlyElementsOf(jobs.stream().map(j -> j.getStatus().name()).toList())
                .containsExactlyInAnyOrder("SUCCESS", "SUCCESS", "FAIL");
    }

    @Test
    void aConsumedJobIsWrittenToAFileAsItsJson() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("f1").mediaId("m1").succeedsWith("{\"k\":1}").build());
        VOD.emulator().addJob(EmulatedJob.builder("f2").mediaId("m2").failsWith("E42", "no video").build());
        VodAiJobConsumer consumer = (VodAiJobConsumer) context.getRoute("files").getConsumer();

        template.sendBody("aivod-aijob:files?operation=track", "f1 f2");

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getPendingJobCount() == 0);
        ObjectMapper json = new ObjectMapper();
        for (String id : List.of("f1", "f2")) {
            String text = Files.readString(dir.resolve("jobs").resolve(id + ".json"));
            assertThat(json.readValue(text, AiJob.class)).isEqualTo(written.get(id));
            assertThat(text).isEqualTo(context.getTypeConverter().convertTo(String.class, written.get(id)));
        }
    }

    @Test
    void theListOfALookupIsWrittenToAFileAsAJsonArray() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("l1").mediaId("m1").succeedsWith("{\"k\":1}").build());
        VOD.emulator().addJob(EmulatedJob.builder("l2").mediaId("m2").neverFinishes().build());

        List<?> found = template.requestBody("direct:lookup-to-file", "l1,l2,unknown", List.class);

        List<AiJob> fromFile = new ObjectMapper().readValue(dir.resolve("lookups").resolve("found.json").toFile(),
                new TypeReference<List<AiJob>>() {
                });
        assertThat(fromFile).hasSize(2).isEqualTo(found);
    }

    private static <T> T read(ObjectMapper json, String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (Exception e) {
            throw new AssertionError("not the JSON of a " + type.getSimpleName() + ": " + text, e);
        }
    }
}
