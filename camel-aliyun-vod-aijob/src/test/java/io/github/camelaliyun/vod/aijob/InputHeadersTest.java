package io.github.camelaliyun.vod.aijob;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An input header drives one operation: once that operation succeeded it is gone, so it cannot decide what a later
 * aivod-aijob endpoint of the route does (a paid submit on a job id, a track of a video id, a track of old ids). It
 * stays when the operation fails, so that Camel's redelivery tries the same input again.
 */
class InputHeadersTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        VodAiJobComponent component = EmulatedService.pointAt(camel, VOD.emulator());
        component.getConfiguration().setJobTypes("AIMediaDNA");
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submitThenLookup")
                        .setHeader(VodAiJobConstants.OPERATION, constant("submitAiJob"))
                        .to("aivod-aijob:p")
                        .setBody(constant("job-old"))
                        .to("aivod-aijob:lookup");
                from("direct:trackThenSubmit")
                        .setHeader(VodAiJobConstants.OPERATION, constant("track"))
                        .to("aivod-aijob:w")
                        .setBody(constant("video-1"))
                        .to("aivod-aijob:w?operation=submitAiJob");
                from("direct:lookupSubmitTrack")
                        .setHeader(VodAiJobConstants.JOB_IDS, constant("old-1"))
                        .to("aivod-aijob:lookup")
                        .setBody(constant("video-2"))
                        .to("aivod-aijob:s?operation=submitAiJob")
                        .to("aivod-aijob:s?operation=track");
                from("direct:submitTwice")
                        .setHeader(VodAiJobConstants.SUBMIT_MEDIA_ID, constant("video-3"))
                        .to("aivod-aijob:twice?operation=submitAiJob")
                        .setBody(constant("video-4"))
                        .to("aivod-aijob:twice?operation=submitAiJob");
                from("direct:redelivered")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0)
                                .logExhausted(false).logRetryAttempted(false).logStackTrace(false))
                        .setHeader(VodAiJobConstants.JOB_IDS, constant("job-r"))
                        .to("aivod-aijob:lookup?maxRetries=0");
                from("direct:failed")
                        .setHeader(VodAiJobConstants.JOB_IDS, constant("job-f"))
                        .doTry()
                            .to("aivod-aijob:lookup?maxRetries=0")
                        .doCatch(Exception.class)
                        .end();
                // a fallback after a failed submit: the lookup must not read the failed submit's operation header
                from("direct:failedSubmitThenLookup")
                        .setHeader(VodAiJobConstants.OPERATION, constant("submitAiJob"))
                        .setHeader(VodAiJobConstants.SUBMIT_JOB_TYPES, constant("AIMediaDNA"))
                        .doTry()
                            .to("aivod-aijob:p?maxRetries=0")
                        .doCatch(Exception.class)
                            .setBody(constant("0123456789abcdef0123456789abcdef"))
                            .to("aivod-aijob:lookup")
                        .end();
                // a fallback submit of another video: it must not read the failed submit's media id header
                from("direct:failedSubmitThenFallback")
                        .setHeader(VodAiJobConstants.SUBMIT_MEDIA_ID, constant("video-primary"))
                        .doTry()
                            .to("aivod-aijob:p?operation=submitAiJob&maxRetries=0")
                        .doCatch(Exception.class)
                            .setBody(constant("video-fallback"))
                            .to("aivod-aijob:fallback?operation=submitAiJob")
                        .end();
            }
        };
    }

    private static long calls(String action) {
        return VOD.emulator().stats().calls(action);
    }

    @Test
    void anOperationHeaderDrivesOnlyTheEndpointThatReadIt() {
        Exchange out = template.request("direct:submitThenLookup", e -> e.getMessage().setBody("video-1"));

        assertThat(out.getException()).isNull();
        assertThat(calls(VodEmulator.ACTION_SUBMIT_AI_JOB)).isEqualTo(1);
        assertThat(calls(VodEmulator.ACTION_LIST_AI_JOB)).isEqualTo(1);
        assertThat(out.getMessage().getHeader(VodAiJobConstants.NON_EXISTENT_IDS, List.class))
                .containsExactly("job-old");
        assertThat(out.getMessage().getHeaders()).doesNotContainKey(VodAiJobConstants.OPERATION);
    }

    @Test
    void aTrackOperationHeaderDoesNotMakeALaterSubmitTrackTheVideoId() {
        Exchange out = template.request("direct:trackThenSubmit", e -> e.getMessage().setBody("video-1"));

        assertThat(out.getException()).isNull();
        assertThat(calls(VodEmulator.ACTION_SUBMIT_AI_JOB)).isEqualTo(1);
        assertThat(out.getMessage().getBody(List.class)).singleElement().isInstanceOf(SubmittedAiJob.class);
    }

    @Test
    void anIdsHeaderReadByALookupIsNotTrackedAfterALaterSubmit() {
        Exchange out = template.request("direct:lookupSubmitTrack", e -> e.getMessage().setBody("ignored"));

        assertThat(out.getException()).isNull();
        List<String> tracked = context.getEndpoint("aivod-aijob:s", VodAiJobEndpoint.class).getJobStore()
                .pending(0, 10).stream().map(p -> p.jobId()).toList();
        assertThat(tracked).hasSize(1).doesNotContain("old-1");
        // what track returned: the ids it took in, the submitted job's
        assertThat(out.getMessage().getBody(List.class)).containsExactlyElementsOf(tracked);
    }

    @Test
    void aSubmitHeaderIsGoneAfterTheSubmitItDrove() {
        Exchange out = template.request("direct:submitTwice", e -> e.getMessage().setBody("unused"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(VodAiJobConstants.MEDIA_ID)).isEqualTo("video-4");
        assertThat(out.getMessage().getHeaders()).doesNotContainKey(VodAiJobConstants.SUBMIT_MEDIA_ID);
    }

    @Test
    void aFailedOperationKeepsItsInputForCamelsRedelivery() {
        VOD.emulator().addJob(EmulatedJob.builder("job-r").build());
        VOD.emulator().faults().next(Fault.SERVER_ERROR);

        Exchange out = template.request("direct:redelivered", e -> e.getMessage().setBody("not an id list: ignored"));

        assertThat(out.getException()).isNull();
        assertThat(calls(VodEmulator.ACTION_LIST_AI_JOB)).isEqualTo(2);
        assertThat(out.getMessage().getBody(List.class)).extracting(j -> ((AiJob) j).getJobId())
                .containsExactly("job-r");
        assertThat(out.getMessage().getHeaders()).doesNotContainKey(VodAiJobConstants.JOB_IDS);
    }

    @Test
    void aFailedOperationTakesItsInputHeaderOffTheMessage() {
        VOD.emulator().faults().next(Fault.SERVER_ERROR);

        Exchange out = template.request("direct:failed", e -> e.getMessage().setBody("x"));

        assertThat(out.getMessage().getHeaders()).doesNotContainKey(VodAiJobConstants.JOB_IDS);
    }

    @Test
    void theOperationHeaderOfAFailedSubmitDoesNotTurnALaterLookupIntoASubmit() {
        VOD.emulator().faults().next(Fault.SERVER_ERROR);

        Exchange out = template.request("direct:failedSubmitThenLookup", e -> e.getMessage().setBody("video-1"));

        assertThat(out.getException()).isNull();
        assertThat(calls(VodEmulator.ACTION_SUBMIT_AI_JOB)).as("the failed submit only").isEqualTo(1);
        assertThat(calls(VodEmulator.ACTION_LIST_AI_JOB)).isEqualTo(1);
        assertThat(out.getMessage().getHeader(VodAiJobConstants.NON_EXISTENT_IDS, List.class))
                .containsExactly("0123456789abcdef0123456789abcdef");
    }

    @Test
    void theMediaIdHeaderOfAFailedSubmitDoesNotChooseTheVideoOfAFallbackSubmit() {
        VOD.emulator().faults().next(Fault.SERVER_ERROR);

        Exchange out = template.request("direct:failedSubmitThenFallback", e -> e.getMessage().setBody("unused"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(VodAiJobConstants.MEDIA_ID)).isEqualTo("video-fallback");
        assertThat(VOD.emulator().stats().submitsByMediaId()).containsEntry("video-fallback", 1L);
    }
}
