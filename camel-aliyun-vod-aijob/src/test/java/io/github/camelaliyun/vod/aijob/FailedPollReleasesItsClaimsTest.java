package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.LoggingExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.store.ClaimedJob;
import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll that fails after it claimed its page (here the claim of the jobs due next, to fill the last call, meets a
 * database that just went away) gives the page back: before, its jobs stayed leased to the consumer and their leases
 * were renewed for as long as it ran, so nobody delivered them.
 */
class FailedPollReleasesItsClaimsTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    /** A store whose first claim of the jobs due next fails. */
    static final class FailingClaimAheadStore extends MemoryAiJobStore {
        final AtomicBoolean failed = new AtomicBoolean();

        @Override
        public synchronized List<ClaimedJob> claimAhead(String owner, int limit, Duration leaseDuration) {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("the database went away (on purpose)");
            }
            return super.claimAhead(owner, limit, leaseDuration);
        }
    }

    @Test
    void thePageOfAPollThatFailedIsDeliveredByTheNextPoll() throws Exception {
        List<String> ids = List.of("page-1", "page-2", "page-3");
        ids.forEach(id -> VOD.emulator().addJob(EmulatedJob.builder(id).build()));
        List<String> delivered = new CopyOnWriteArrayList<>();
        FailingClaimAheadStore store = new FailingClaimAheadStore();
        try (CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator());
            camel.getRegistry().bind("store", store);
            camel.getRegistry().bind("quietHandler",
                    new LoggingExceptionHandler(camel, VodAiJobConsumer.class, LoggingLevel.DEBUG));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aivod-aijob:failing?jobStore=#store&delay=50&initialDelay=0&leaseDuration=600"
                         + "&exceptionHandler=#quietHandler")
                            .process(e -> delivered.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID,
                                    String.class)));
                }
            });
            store.add(ids, java.time.Instant.now());
            camel.start();

            // the leases of a page still held would be renewed every 200 ms, for ever
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == ids.size());
        }
        assertThat(store.failed).isTrue();
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(ids);
    }
}
