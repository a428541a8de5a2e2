package io.github.camelaliyun.vod.aijob;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;
import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel's redelivery must not undo the component's no-blind-retry rule for SubmitAIJob: after an unknown outcome a
 * redelivery of the same exchange refuses to submit again (unless resubmitOnRedelivery=true), and after jobs were
 * created but could not be tracked, a redelivery tracks them instead of creating them again.
 */
class SubmitRedeliveryTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    /** Refuses the first add it is asked for, as a full disk or a lost database would. */
    static final class FailingOnceStore extends MemoryAiJobStore {
        final AtomicInteger failuresLeft = new AtomicInteger(1);

        @Override
        public synchronized List<String> add(Collection<String> jobIds, Instant addedAt) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("disk full");
            }
            return super.add(jobIds, addedAt);
        }
    }

    private final FailingOnceStore store = new FailingOnceStore();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        VodAiJobComponent component = EmulatedService.pointAt(camel, VOD.emulator());
        component.getConfiguration().setRetryBackoffInitialDelay(5);
        component.getConfiguration().setRetryBackoffMaxDelay(50);
        camel.getRegistry().bind("failingStore", store);
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(0)
                        .logExhausted(false).logRetryAttempted(false).logStackTrace(false));
                from("direct:submit").to("aivod-aijob:r?operation=submitAiJob&jobTypes=AIMediaDNA");
                from("direct:resubmit")
                        .to("aivod-aijob:r?operation=submitAiJob&jobTypes=AIMediaDNA&resubmitOnRedelivery=true");
                from("direct:trackThenMore")
                        .doTry()
                            .to("aivod-aijob:t?operation=submitAiJob&jobTypes=AIMediaDNA&track=true"
                                + "&jobStore=#failingStore")
                        .doCatch(IllegalStateException.class)
                        .end()
                        .to("aivod-aijob:t?operation=submitAiJob&jobTypes=AIMediaDNA,AIVideoTag&track=true"
                            + "&jobStore=#failingStore");
                from("direct:track")
                        .to("aivod-aijob:t?operation=submitAiJob&jobTypes=AIMediaDNA&track=true&jobStore=#failingStore");
                // Camel redelivers the call of a route that submitted and then failed: the submit ran once already
                from("direct:callsSubmitThenFail").to("direct:submitThenFail");
                from("direct:submitThenFail").errorHandler(noErrorHandler())
                        .to("aivod-aijob:r?operation=submitAiJob&jobTypes=AIMediaDNA")
                        .throwException(new IllegalStateException("the step after the submit failed"));
            }
        };
    }

    private static long submitCalls() {
        return VOD.emulator().stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB);
    }

    @Test
    void aServerErrorIsNotResubmittedByCamelsRedelivery() {
        VOD.emulator().faults().next(Fault.SERVER_ERROR);

        Exchange out = template.request("direct:submit", e -> e.getMessage().setBody("m-500"));

        assertThat(submitCalls()).isEqualTo(1);
        assertThat(out.getException()).isInstanceOf(SubmitOutcomeUnknownException.class)
                .hasMessageContaining("Not submitting media id m-500 (types AIMediaDNA) again")
                .hasMessageContaining("resubmitOnRedelivery=true")
                .hasMessageContaining("InternalError");
        assertThat(out.getException().getCause()).hasMessageContaining("the service may have acted");
    }

    @Test
    void aDroppedReplyIsNotResubmittedByCamelsRedelivery() {
        VOD.emulator().faults().next(Fault.DROP_CONNECTION);

        Exchange out = template.request("direct:submit", e -> e.getMessage().setBody("m-dropped"));

        assertThat(submitCalls()).isEqualTo(1);
        assertThat(out.getException()).isInstanceOf(SubmitOutcomeUnknownException.class)
                .hasMessageContaining("IOError");
    }

    @Test
    void withResubmitOnRedeliveryTheRedeliverySubmitsAgain() {
        VOD.emulator().faults().next(Fault.SERVER_ERROR);

        Exchange out = template.request("direct:resubmit", e -> e.getMessage().setBody("m-again"));

        assertThat(out.getException()).isNull();
        assertThat(submitCalls()).isEqualTo(2);
        assertThat(out.getMessage().getBody(List.class)).hasSize(1);
    }

    @Test
    void throttlingStaysRetriedByTheClientAndAFreshExchangeForTheSameVideoIsNotRefused() {
        VOD.emulator().faults().next(Fault.SERVER_ERROR);
        template.request("direct:submit", e -> e.getMessage().setBody("m-x"));

        VOD.emulator().faults().next(Fault.THROTTLE);
        Exchange out = template.request("direct:submit", e -> e.getMessage().setBody("m-x"));

        assertThat(out.getException()).isNull();
        assertThat(submitCalls()).isEqualTo(3);
    }

    @Test
    void aRedeliveryAfterASuccessfulSubmitGetsTheJobsItCreatedInsteadOfPayingAgain() {
        Exchange out = template.request("direct:callsSubmitThenFail", e -> e.getMessage().setBody("m-ok-then-fail"));

        assertThat(out.getException()).hasMessage("the step after the submit failed");
        assertThat(out.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).isEqualTo(3);
        assertThat(VOD.emulator().stats().submitsByMediaId()).containsEntry("m-ok-then-fail", 1L);
    }

    @Test
    void jobsCreatedButNotTrackedAreTrackedOnRedeliveryNotCreatedAgain() {
        Exchange out = template.request("direct:track", e -> e.getMessage().setBody("m-track"));

        assertThat(out.getException()).isNull();
        assertThat(submitCalls()).isEqualTo(1);
        List<SubmittedAiJob> jobs = out.getMessage().getBody(List.class);
        assertThat(jobs).extracting(SubmittedAiJob::mediaId).containsExactly("m-track");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.pending(0, 10)).extracting(p -> p.jobId()).containsExactly(jobs.get(0).jobId());
    }

    @Test
    void jobsCreatedButNotTrackedAreNotCreatedAgainByASubmitWithMoreTypes() {
        Exchange out = template.request("direct:trackThenMore", e -> e.getMessage().setBody("m-more"));

        assertThat(submitCalls()).isEqualTo(1);
        assertThat(out.getException()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Not submitting media id m-more (types AIMediaDNA,AIVideoTag): an earlier"
                                      + " SubmitAIJob on this exchange already created")
                .hasMessageContaining("disk full");
    }
}
