package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.HttpVodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.RetryPolicy;
import io.github.camelaliyun.vod.aijob.client.SubmitAiJobRequest;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClientSettings;
import io.github.camelaliyun.vod.aijob.client.VodAiJobException;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** submitAiJob, alone and feeding the consumer, against the emulator over real HTTP. */
class VodAiJobSubmitTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private final List<AiJob> finished = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        VodAiJobComponent component = EmulatedService.pointAt(camel, VOD.emulator());
        component.getConfiguration().setRetryBackoffInitialDelay(5);
        component.getConfiguration().setRetryBackoffMaxDelay(50);
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("aivod-aijob:pipeline?operation=submitAiJob&jobTypes=AIMediaDNA,AIVideoTag"
                                         + "&track=true");
                from("direct:fingerprint").to("aivod-aijob:pipeline?operation=submitAiJob&jobTypes=AIMediaDNA"
                                              + "&track=true");
                from("direct:plain").to("aivod-aijob:plain?operation=submitAiJob&jobTypes=AIMediaDNA");
                from("direct:singapore").to("aivod-aijob:sg?operation=submitAiJob&regionId=ap-southeast-1"
                                            + "&jobTypes=AIMediaDNA");
                from("aivod-aijob:pipeline?delay=200&initialDelay=0").routeId("pipeline")
                        .process(e -> finished.add(e.getMessage().getBody(AiJob.class)));
            }
        };
    }

    @Test
    void bothTypesGiveTwoJobsThatTheConsumerEmitsOnceEach() throws Exception {
        Exchange out = template.request("direct:submit", e -> e.getMessage().setBody("media-1"));

        List<SubmittedAiJob> jobs = out.getMessage().getBody(List.class);
        assertThat(jobs).extracting(SubmittedAiJob::type).containsExactly("AIMediaDNA", "AIVideoTag");
        assertThat(jobs).extracting(SubmittedAiJob::mediaId).containsOnly("media-1");
        assertThat(out.getMessage().getHeader(VodAiJobConstants.SUBMITTED_IDS, List.class))
                .containsExactlyElementsOf(jobs.stream().map(SubmittedAiJob::jobId).toList());
        assertThat(out.getMessage().getHeader(VodAiJobConstants.REQUEST_ID, String.class)).isNotBlank();

        await().atMost(Duration.ofSeconds(10)).until(() -> finished.size() >= 2);
        Thread.sleep(500); // more polls: nothing comes twice
        assertThat(finished).extracting(AiJob::getJobId)
                .containsExactlyInAnyOrderElementsOf(jobs.stream().map(SubmittedAiJob::jobId).toList());
        // the emulator's Data is shaped like the service's: it reads as the typed result of each job's type
        assertThat(finished).allSatisfy(job -> assertThat(job.getDataError()).isNull());
        assertThat(finished).filteredOn(job -> job.getType().equals(AiJob.TYPE_VIDEO_TAG)).singleElement()
                .satisfies(job -> assertThat(job.getVideoTagResult().getTags()).isNotEmpty());
    }

    @Test
    void aBurstOf200IsSmoothedBelowTheServiceLimitAndNothingIsLost() {
        List<CompletableFuture<Object>> submits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            submits.add(template.asyncRequestBody("direct:fingerprint", "burst-media-" + i));
        }
        List<String> submitted = new ArrayList<>();
        for (CompletableFuture<Object> submit : submits) {
            ((List<SubmittedAiJob>) submit.join()).forEach(job -> submitted.add(job.jobId()));
        }

        assertThat(submitted).hasSize(200).doesNotHaveDuplicates();
        int busiestSecond = VOD.emulator().stats().maxCallsInAnySecond(VodEmulator.ACTION_SUBMIT_AI_JOB);
        System.out.println("SubmitAIJob burst: 200 calls, busiest second at the emulator: " + busiestSecond);
        // spaced at 30 per 1.1 s; on a loaded shared machine a thread that wakes late can push a call or three into
        // the next second, which the service throttles and the client retries safely (a throttled submit was not
        // acted on): a bounded overshoot, never a loss. A limiter that did not space at all gives about 200 here.
        assertThat(busiestSecond).isLessThanOrEqualTo(33);
        assertThat(VOD.emulator().stats().errors("Throttling.User")).isLessThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> finished.size() >= 200);
        assertThat(finished).extracting(AiJob::getJobId).containsExactlyInAnyOrderElementsOf(submitted);
    }

    @Test
    void theEmulatorReallyThrottlesAbove30CallsASecond() {
        VodAiJobClientSettings settings = VodAiJobClientSettings.builder().endpoint(VOD.emulator().uri())
                .credentials(new AlibabaCloudCredentials(VodEmulator.DEMO_ACCESS_KEY_ID,
                        VodEmulator.DEMO_ACCESS_KEY_SECRET, null))
                .submitRateLimiter(null).retryPolicy(new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1)).build();
        try (VodAiJobClient unlimited = HttpVodAiJobClient.create(settings)) {
            List<CompletableFuture<?>> calls = IntStream.range(0, 45).<CompletableFuture<?>> mapToObj(
                    i -> unlimited.submitAiJobAsync(new SubmitAiJobRequest("m" + i, List.of("AIMediaDNA"), null, null)))
                    .toList();
            long throttled = calls.stream().filter(c -> {
                try {
                    c.join();
                    return false;
                } catch (RuntimeException e) {
                    return e.getCause() instanceof VodAiJobException v && v.getErrorCode().equals("Throttling.User");
                }
            }).count();
            assertThat(throttled).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void throttlingIsRetriedButAServerErrorIsNotBecauseTheJobsMayExist() {
        VOD.emulator().faults().next(Fault.THROTTLE);
        List<SubmittedAiJob> jobs = template.requestBody("direct:plain", "m-throttled", List.class);
        assertThat(jobs).hasSize(1);
        assertThat(VOD.emulator().stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB)).isEqualTo(2);

        VOD.emulator().faults().next(Fault.SERVER_ERROR);
        Exchange out = template.request("direct:plain", e -> e.getMessage().setBody("m-500"));

        VodAiJobException e = (VodAiJobException) out.getException();
        assertThat(e.getAttempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains("SubmitAIJob failed for media id m-500 (types AIMediaDNA): InternalError",
                "the service may have acted on this SubmitAIJob before the failure");
        assertThat(VOD.emulator().stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB)).isEqualTo(3);
    }

    @Test
    void configAndUserDataMayBeMapsAndHeadersOverrideOptions() {
        Exchange out = template.request("direct:plain", e -> {
            e.getMessage().setHeader(VodAiJobConstants.SUBMIT_MEDIA_ID, "from-header");
            e.getMessage().setHeader(VodAiJobConstants.SUBMIT_JOB_TYPES, List.of("aimediadna", "AIVideoTag"));
            e.getMessage().setHeader(VodAiJobConstants.SUBMIT_CONFIG, Map.of("AIVideoTag", Map.of("AnalyseTypes", "ASR")));
            e.getMessage().setHeader(VodAiJobConstants.SUBMIT_USER_DATA, "{\"orderId\":42}");
        });

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(List.class)).hasSize(2);
    }

    @Test
    void badInputIsRefusedBeforeAnyCall() {
        assertRefused("direct:plain", null, Map.of(),
                "No media id to submit AI jobs for in the message body: put the video id in the message body (a"
                                                      + " String) or in the CamelAliyunVodAiJobSubmitMediaId header");
        assertRefused("direct:plain", Map.of("media", "x"), Map.of(),
                "The message body holds a java.util.ImmutableCollections$Map1, not a media id");
        assertRefused("direct:plain", "two words", Map.of(),
                "Media id 'two words' of the message body contains whitespace");
        assertRefused("direct:plain", "m", Map.of(VodAiJobConstants.SUBMIT_JOB_TYPES, "AIFace"),
                "Unknown job type 'AIFace' in the header CamelAliyunVodAiJobSubmitTypes: use AIMediaDNA (video"
                                                                                      + " fingerprinting), AIVideoTag (smart tagging), or both separated by a comma");
        assertRefused("direct:plain", "m", Map.of(VodAiJobConstants.SUBMIT_JOB_TYPES, " "),
                "No job type to submit: set the jobTypes option or the CamelAliyunVodAiJobSubmitTypes header");
        assertRefused("direct:plain", "m", Map.of(VodAiJobConstants.SUBMIT_CONFIG, "{not json"),
                "The header CamelAliyunVodAiJobSubmitConfig is not valid JSON");
        assertRefused("direct:plain", "m", Map.of(VodAiJobConstants.SUBMIT_USER_DATA, "{\"x\":\"" + "y".repeat(600) + "\"}"),
                "The header CamelAliyunVodAiJobSubmitUserData is 608 bytes of JSON; SubmitAIJob accepts at most 512 bytes");
        assertRefused("direct:singapore", "m", Map.of(VodAiJobConstants.SUBMIT_JOB_TYPES, "AIVideoTag"),
                "AIVideoTag (smart tagging) is not offered in region ap-southeast-1: use regionId cn-beijing or"
                                                         + " cn-shanghai, or submit AIMediaDNA only");
        assertThat(VOD.emulator().stats().requests()).isZero();
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:x?regionId=ap-southeast-1&jobTypes=AIVideoTag"))
                .hasMessageContaining("AIVideoTag (smart tagging) is not offered in region ap-southeast-1");
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:x?config={oops"))
                .hasMessageContaining("The config option is not valid JSON");
    }

    private void assertRefused(String uri, Object body, Map<String, Object> headers, String expected) {
        Exchange out = template.request(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().getHeaders().putAll(headers);
        });
        assertThat(out.getException()).as(expected).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }
}
