package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No header another operation writes may choose the video of a (paid) submit: the consumer's and submit's own
 * CamelAliyunVodAiJobMediaId are outputs; submit reads CamelAliyunVodAiJobSubmitMediaId, else the body.
 */
class SubmitWrongVideoTest extends EmulatedCamelTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the failures these tests provoke are asserted on, not logged
                errorHandler(defaultErrorHandler().logExhausted(false));
                // a consumed job's headers reaching a submit step, as a user writes such a route
                from("aivod-aijob:leak?jobIds=job-4&initialDelay=0&delay=100").routeId("leak").autoStartup(false)
                        .setBody(constant("another-video"))
                        .to("aivod-aijob:leak2?operation=submitAiJob&jobTypes=AIVideoTag")
                        .to("mock:afterConsumer");

                from("direct:twoSubmits")
                        .to("aivod-aijob:first?operation=submitAiJob&jobTypes=AIMediaDNA")
                        .setBody(constant("video-b"))
                        .to("aivod-aijob:second?operation=submitAiJob&jobTypes=AIMediaDNA");

                from("direct:submit").to("aivod-aijob:plain?operation=submitAiJob&jobTypes=AIMediaDNA");
            }
        };
    }

    @Test
    void theConsumersMediaIdHeaderDoesNotChooseTheVideoOfALaterSubmit() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("job-4").mediaId("m4").type("AIVideoTag")
                .finishAfter(Duration.ZERO).build());
        MockEndpoint after = getMockEndpoint("mock:afterConsumer");
        after.expectedMessageCount(1);
        context.getRouteController().startRoute("leak");
        after.assertIsSatisfied(10_000);

        Exchange out = after.getExchanges().get(0);
        List<SubmittedAiJob> jobs = out.getMessage().getBody(List.class);
        assertThat(jobs).extracting(SubmittedAiJob::mediaId).containsExactly("another-video");
        assertThat(out.getMessage().getHeader(VodAiJobConstants.MEDIA_ID)).isEqualTo("another-video");
    }

    @Test
    void submitsOwnOutputHeadersDoNotChooseTheVideoOfTheNextSubmit() {
        Exchange out = template.request("direct:twoSubmits", e -> e.getMessage().setBody("video-a"));

        assertThat(out.getException()).isNull();
        List<SubmittedAiJob> jobs = out.getMessage().getBody(List.class);
        assertThat(jobs).extracting(SubmittedAiJob::mediaId).containsExactly("video-b");
    }

    @Test
    void theSubmitInputHeadersOverrideBodyAndOptions() {
        Exchange out = template.request("direct:submit", e -> {
            e.getMessage().setBody("not-this-one");
            e.getMessage().setHeader(VodAiJobConstants.SUBMIT_MEDIA_ID, "from-header");
            e.getMessage().setHeader(VodAiJobConstants.SUBMIT_JOB_TYPES, "AIVideoTag");
        });

        assertThat(out.getException()).isNull();
        List<SubmittedAiJob> jobs = out.getMessage().getBody(List.class);
        assertThat(jobs).extracting(SubmittedAiJob::mediaId).containsExactly("from-header");
        assertThat(jobs).extracting(SubmittedAiJob::type).containsExactly("AIVideoTag");
    }

    @Test
    void theOutputHeaderAloneIsNotAMediaIdAndTheErrorSaysWhichHeaderIs() {
        Exchange out = template.request("direct:submit", e -> {
            e.getMessage().setBody(null);
            e.getMessage().setHeader(VodAiJobConstants.MEDIA_ID, "old-video");
        });

        assertThat(out.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelAliyunVodAiJobSubmitMediaId")
                .hasMessageContaining("CamelAliyunVodAiJobMediaId is an output");
        assertThat(VOD.emulator().stats().requests()).isZero();
    }
}
