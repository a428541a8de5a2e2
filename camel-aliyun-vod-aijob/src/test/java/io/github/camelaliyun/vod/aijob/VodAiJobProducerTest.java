package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelaliyun.vod.aijob.client.VodAiJobException;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.AiJobStatus;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The listAiJobs producer against the emulator over real HTTP. */
class VodAiJobProducerTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String common = "&endpoint=" + VOD.emulator().url() + "&accessKeyId=" + VodEmulator.DEMO_ACCESS_KEY_ID
                                + "&secretKey=" + VodEmulator.DEMO_ACCESS_KEY_SECRET
                                + "&retryBackoffInitialDelay=5&retryBackoffMaxDelay=20";
                from("direct:lookup").to("aivod-aijob:lookup?maxConcurrentRequests=4" + common);
                from("direct:two").to("aivod-aijob:two?maxConcurrentRequests=2" + common);
                from("direct:strict").to("aivod-aijob:strict?failOnNonExistent=true" + common);
                from("direct:wrong").to("aivod-aijob:wrong?endpoint=" + VOD.emulator().url()
                                        + "&accessKeyId=" + VodEmulator.DEMO_ACCESS_KEY_ID
                                        + "&secretKey=not-the-secret");
            }
        };
    }

    @ParameterizedTest(name = "{0} ids")
    @ValueSource(ints = { 1, 10, 11, 25, 1000 })
    void makesCeilOfUniqueOverTenCallsAndKeepsTheOrder(int count) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> "job-" + (count - i)).toList();
        ids.stream().filter(id -> id.hashCode() % 7 != 0)
                .forEach(id -> VOD.emulator().addJob(EmulatedJob.builder(id).mediaId("m-" + id).build()));
        List<String> asked = new ArrayList<>(ids);
        asked.addAll(ids.subList(0, Math.min(5, count))); // duplicates are asked once

        Exchange out = template.request("direct:lookup", e -> e.getMessage().setBody(asked));

        List<AiJob> jobs = out.getMessage().getBody(List.class);
        List<String> expectedFound = ids.stream().filter(id -> id.hashCode() % 7 != 0).toList();
        List<String> expectedMissing = ids.stream().filter(id -> id.hashCode() % 7 == 0).toList();
        assertThat(jobs).extracting(AiJob::getJobId).containsExactlyElementsOf(expectedFound);
        assertThat(jobs).allSatisfy(j -> assertThat(j.getMediaId()).isEqualTo("m-" + j.getJobId()));
        assertThat(out.getMessage().getHeader(VodAiJobConstants.NON_EXISTENT_IDS, List.class))
                .containsExactlyElementsOf(expectedMissing);
        int calls = (count + 9) / 10;
        assertThat(VOD.emulator().stats().calls("ListAIJob")).isEqualTo(calls);
        assertThat(out.getMessage().getHeader(VodAiJobConstants.REQUEST_IDS, List.class)).hasSize(calls)
                .doesNotHaveDuplicates();
        assertThat(out.getMessage().getHeader(VodAiJobConstants.COUNT)).isEqualTo(expectedFound.size());
        assertThat(VOD.emulator().stats().listAiJobBatches()).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(10));
    }

    @Test
    void callsInFlightReachButNeverPassTheLimit() {
        VOD.emulator().faults().latency(Duration.ofMillis(20));
        List<String> ids = IntStream.range(0, 200).mapToObj(i -> "id-" + i).toList();

        template.requestBody("direct:lookup", ids);
        assertThat(VOD.emulator().stats().maxInFlight()).isEqualTo(4);

        VOD.emulator().reset();
        VOD.emulator().faults().latency(Duration.ofMillis(20));
        template.requestBody("direct:two", ids);
        assertThat(VOD.emulator().stats().maxInFlight()).isEqualTo(2);
        assertThat(VOD.emulator().stats().calls("ListAIJob")).isEqualTo(20); // ceil(200 / 10)
    }

    @Test
    void everyInputTypeGivesTheSameIds() {
        VOD.emulator().addJob(EmulatedJob.builder("a").build()).addJob(EmulatedJob.builder("b").build())
                .addJob(EmulatedJob.builder("c").build());
        List<Object> bodies = List.of(
                "a, b\tc\n a",
                List.of("a", " b ", "c"),
                new LinkedHashSet<>(List.of("a", "b", "c")),
                new String[] { "a", "b", "", "c" },
                new Object[] { "a", "b", "c" },
                List.of("a", "b", "c").iterator(),
                (Iterable<String>) () -> List.of("a", "b", "c").iterator());
        for (Object body : bodies) {
            List<AiJob> jobs = template.requestBody("direct:lookup", body, List.class);
            assertThat(jobs).as(body.getClass().getName()).extracting(AiJob::getJobId).containsExactly("a", "b", "c");
        }
    }

    @Test
    void idsHeaderWinsOverTheBodyAndOperationHeaderIsRead() {
        VOD.emulator().addJob(EmulatedJob.builder("from-header").build());

        List<AiJob> jobs = template.requestBodyAndHeaders("direct:lookup", "ignored-body", Map.of(
                VodAiJobConstants.JOB_IDS, List.of("from-header"),
                VodAiJobConstants.OPERATION, "listAiJobs"), List.class);

        assertThat(jobs).extracting(AiJob::getJobId).containsExactly("from-header");
        assertThat(VOD.emulator().stats().listAiJobBatches()).containsExactly(List.of("from-header"));
    }

    @Test
    void badInputIsRefusedBeforeAnyCall() {
        assertRefused(null, null,
                "No job ids: put them in the message body or in the CamelAliyunVodAiJobIds header, as a String");
        assertRefused(Map.of("id", "a"), null,
                "The message body holds a java.util.ImmutableCollections$Map1, which cannot hold job ids: use a String");
        assertRefused(42, null, "The message body holds a java.lang.Integer, which cannot hold job ids");
        assertRefused(new int[] { 1, 2 }, null, "The message body holds a [I, which cannot hold job ids");
        assertRefused(List.of("ok", "a,b"), null,
                "Job id 'a,b' at position 2 of the message body contains a comma");
        assertRefused(List.of("ok", "ok2", "a b"), null,
                "Job id 'a b' at position 3 of the message body contains whitespace");
        assertRefused(List.of("bad\u0001id"), null,
                "Job id 'bad\\u0001id' at position 1 of the message body contains a control character");
        assertRefused(List.of("x".repeat(65)), null,
                "at position 1 of the message body has 65 characters; ids have at most 64");
        assertRefused(List.of("a", 7), null, "Job id at position 2 of the message body is a java.lang.Integer, not a String");
        assertRefused("a", Map.of(VodAiJobConstants.JOB_IDS, 3.5),
                "The header CamelAliyunVodAiJobIds holds a java.lang.Double");
        assertRefused("a", Map.of(VodAiJobConstants.OPERATION, "deleteEverything"),
                "Unknown aivod-aijob operation 'deleteEverything' in the header CamelAliyunVodAiJobOperation: valid"
                                                                                  + " operations are listAiJobs");
        assertThat(VOD.emulator().stats().requests()).isZero();
    }

    @Test
    void nonExistentIdsAreListedOrFailWhenAskedTo() {
        VOD.emulator().addJob(EmulatedJob.builder("known").build());

        Exchange lenient = template.request("direct:lookup", e -> e.getMessage().setBody("ghost-1 known ghost-2"));
        assertThat(lenient.getMessage().getHeader(VodAiJobConstants.NON_EXISTENT_IDS, List.class))
                .containsExactly("ghost-1", "ghost-2");

        assertThatThrownBy(() -> template.requestBody("direct:strict", "ghost-1 known ghost-2"))
                .isInstanceOf(CamelExecutionException.class).cause()
                .isInstanceOf(NonExistentJobsException.class)
                .hasMessageStartingWith("The service does not know 2 of the 3 job ids asked: [ghost-1, ghost-2]");
    }

    @Test
    void transientFailuresAreRetriedUntilSuccess() {
        VOD.emulator().addJob(EmulatedJob.builder("j").build());
        VOD.emulator().faults().next(Fault.THROTTLE, Fault.SERVER_ERROR, Fault.THROTTLE);

        List<AiJob> jobs = template.requestBody("direct:lookup", "j", List.class);

        assertThat(jobs).extracting(AiJob::getJobId).containsExactly("j");
        assertThat(VOD.emulator().stats().calls("ListAIJob")).isEqualTo(4);
    }

    @Test
    void aBatchThatFailsForGoodFailsTheExchangeNamingItsIds() {
        VOD.emulator().faults().rate(Fault.MALFORMED_JSON, 1.0);
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> "m" + i).toList();

        Exchange out = template.request("direct:lookup", e -> e.getMessage().setBody(ids));

        assertThat(out.getException()).isInstanceOf(VodAiJobException.class)
                .hasMessageContaining("ListAIJob failed for job ids [m0, m1, m2]: MalformedResponse")
                .hasMessageContaining("not valid JSON");
        assertThat(out.getMessage().getBody()).isEqualTo(ids); // no partial result in the body
        assertThat(((VodAiJobException) out.getException()).getAttempts()).isEqualTo(4);
    }

    @Test
    void wrongSecretFailsOnceWithTheCodeAndRequestId() {
        Exchange out = template.request("direct:wrong", e -> e.getMessage().setBody("a,b"));

        VodAiJobException e = (VodAiJobException) out.getException();
        assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(e.getMessage()).contains("SignatureDoesNotMatch", "RequestId=" + e.getRequestId(), "[a, b]")
                .doesNotContain("not-the-secret");
        assertThat(VOD.emulator().stats().requests()).isEqualTo(1);
    }

    @Test
    void theApiPagesSampleJobArrivesTyped() {
        VOD.emulator().addJob(EmulatedJob.builder("a718a3a1e8bb42ee3bc88921e94****")
                .mediaId("3D3D12340d9401fab46a0b847****").type("AIVideoTag")
                .succeedsWith("{\"OrigASRData\":{\"AsrTextList\":\\[{\"EndTime\":700}],\"Duration\":\"30016\"}}")
                .build());

        List<AiJob> jobs = template.requestBody("direct:lookup",
                "a718a3a1e8bb42ee3bc88921e94****,aasdcsfg782740asd3****", List.class);

        AiJob job = jobs.get(0);
        assertThat(job.getStatus()).isEqualTo(AiJobStatus.SUCCESS);
        assertThat(job.getCreationTime()).isBefore(Instant.now().plusSeconds(1));
        assertThat(job.getCompleteTime()).isNotNull();
        assertThat(job.getData()).contains("\\[");
        assertThat(context.getTypeConverter().convertTo(Map.class, job)).containsEntry("status", "SUCCESS")
                .containsEntry("mediaId", "3D3D12340d9401fab46a0b847****");
        assertThat(context.getTypeConverter().convertTo(String.class, job))
                .startsWith("{\"jobId\":\"a718a3a1e8bb42ee3bc88921e94****\"").contains("\"type\":\"AIVideoTag\"");
        assertThat(context.getTypeConverter().convertTo(String.class, jobs)).startsWith("[{\"jobId\":");
        // other lists keep Camel's own conversion
        assertThat(context.getTypeConverter().convertTo(String.class, List.of("x", "y"))).isEqualTo("[x, y]");
    }

    @Test
    void badConcurrencyOrOperationFailsAtEndpointCreation() {
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:x?maxConcurrentRequests=0"))
                .hasMessageContaining("Invalid maxConcurrentRequests 0: allowed 1 to 64");
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:x?operation=purge"))
                .hasMessageContaining("purge");
    }

    private void assertRefused(Object body, Map<String, Object> headers, String expected) {
        Exchange out = template.request("direct:lookup", e -> {
            e.getMessage().setBody(body);
            if (headers != null) {
                e.getMessage().setHeaders(new java.util.HashMap<>(headers));
            }
        });
        assertThat(out.getException()).as(String.valueOf(body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }
}
