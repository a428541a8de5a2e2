package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.client.VodAiJobException;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer route that starts a follow-up job: when something after the submit fails, the consumer delivers the job
 * again as a new exchange on a later poll. That must not pay again: the later delivery gets the jobs the earlier one
 * created (tracked again when asked), or fails with SubmitOutcomeUnknownException when the earlier outcome is unknown.
 */
class ConsumedJobSubmitTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    /** What each delivery's submit step gave: the job ids it passed on, or the failure. */
    private final List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        // the routes fail on purpose: record the failures instead of a WARN with a stack trace each
        camel.getRegistry().bind("recording", (ExceptionHandler) new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                handleException(null, null, exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                handleException(message, null, exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                if (!(exception instanceof IllegalStateException && "the archive is full (on purpose)"
                        .equals(exception.getMessage()))) {
                    outcomes.add(exception);
                }
            }
        });
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:known?delay=100&initialDelay=0&maxDeliveries=3&exceptionHandler=#recording")
                        .errorHandler(noErrorHandler())
                        .setBody(header(VodAiJobConstants.MEDIA_ID))
                        .to("aivod-aijob:tags?operation=submitAiJob&jobTypes=AIVideoTag&track=true")
                        .process(e -> {
                            outcomes.add(e.getMessage().getBody(List.class).stream()
                                    .map(j -> ((SubmittedAiJob) j).jobId()).toList());
                            if (e.getMessage().getHeader(VodAiJobConstants.DELIVERY_COUNT, Integer.class) < 3) {
                                throw new IllegalStateException("the archive is full (on purpose)");
                            }
                        });
                from("aivod-aijob:unknown?delay=300&initialDelay=0&maxDeliveries=3&exceptionHandler=#recording")
                        .errorHandler(noErrorHandler())
                        .setBody(header(VodAiJobConstants.MEDIA_ID))
                        .process(e -> {
                            if (e.getMessage().getHeader(VodAiJobConstants.DELIVERY_COUNT, Integer.class) == 1) {
                                VOD.emulator().faults().next(Fault.SERVER_ERROR);
                            }
                        })
                        .to("aivod-aijob:tags?operation=submitAiJob&jobTypes=AIVideoTag");
                // two follow-ups of one type with different Configs: two jobs, both paid once
                from("aivod-aijob:twoConfigs?delay=100&initialDelay=0")
                        .setBody(header(VodAiJobConstants.MEDIA_ID))
                        .to("aivod-aijob:tags?operation=submitAiJob&jobTypes=AIVideoTag"
                            + "&config=RAW({\"AIVideoTag\":{\"AnalyseTypes\":\"ASR\"}})")
                        .process(e -> outcomes.add(e.getMessage().getBody(List.class)))
                        .setBody(header(VodAiJobConstants.MEDIA_ID))
                        .to("aivod-aijob:tags?operation=submitAiJob&jobTypes=AIVideoTag"
                            + "&config=RAW({\"AIVideoTag\":{\"AnalyseTypes\":\"OCR\"}})")
                        .process(e -> outcomes.add(e.getMessage().getBody(List.class)));
            }
        };
    }

    @Test
    void twoSubmitsOfOneTypeWithDifferentConfigsInOneDeliveryCreateTwoJobs() {
        VOD.emulator().addJob(EmulatedJob.builder("dna-3").mediaId("video-3").type("AIMediaDNA").build());
        template.sendBody("aivod-aijob:twoConfigs?operation=track", "dna-3");

        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() >= 2);

        assertThat(submitCalls()).isEqualTo(2);
        assertThat(outcomes.get(0)).isNotEqualTo(outcomes.get(1));
    }

    private static long submitCalls() {
        return VOD.emulator().stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB);
    }

    private VodAiJobComponent component() {
        return context.getComponent("aivod-aijob", VodAiJobComponent.class);
    }

    @Test
    void aLaterDeliveryOfTheSameJobGetsTheJobsTheFirstCreatedWithoutPayingAgain() {
        VOD.emulator().addJob(EmulatedJob.builder("dna-1").mediaId("video-1").type("AIMediaDNA").build());
        template.sendBody("aivod-aijob:known?operation=track", "dna-1");

        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() >= 3
                && context.getEndpoint("aivod-aijob:known", VodAiJobEndpoint.class).getJobStore().size() == 0);

        assertThat(submitCalls()).isEqualTo(1);
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isEqualTo(outcomes.get(0)));
        List<?> created = (List<?>) outcomes.get(0);
        assertThat(created).hasSize(1);
        assertThat(context.getEndpoint("aivod-aijob:tags", VodAiJobEndpoint.class).getJobStore().size()).isEqualTo(1);
        // the third delivery completed: nothing is kept for the job any more
        assertThat(component().label("known").store().submitLedger("dna-1")).isNull();
    }

    @Test
    void aLaterDeliveryAfterAnUnknownOutcomeFailsInsteadOfSubmittingAgain() {
        VOD.emulator().addJob(EmulatedJob.builder("dna-2").mediaId("video-2").type("AIMediaDNA").build());
        template.sendBody("aivod-aijob:unknown?operation=track", "dna-2");

        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() >= 3);

        assertThat(submitCalls()).isEqualTo(1);
        assertThat(outcomes.get(0)).isInstanceOf(VodAiJobException.class);
        assertThat(outcomes.subList(1, 3)).allSatisfy(o -> assertThat((Throwable) o)
                .isInstanceOf(SubmitOutcomeUnknownException.class)
                .hasMessageContaining("for this delivery of job dna-2 delivered by aivod-aijob:unknown")
                .hasMessageContaining("VOD console"));
    }
}
