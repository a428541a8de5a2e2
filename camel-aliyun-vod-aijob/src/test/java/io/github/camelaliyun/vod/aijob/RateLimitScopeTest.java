package io.github.camelaliyun.vod.aijob;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.emulator.VodEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code maxRequestsPerSecond} limits: the action of the endpoint's own operation (SubmitAIJob for submitAiJob,
 * ListAIJob otherwise), shared per access key and action. Measured by the emulator's busiest second, not by a clock.
 */
class RateLimitScopeTest extends EmulatedCamelTestSupport {

    private static final String LIST = VodEmulator.ACTION_LIST_AI_JOB;
    private static final String SUBMIT = VodEmulator.ACTION_SUBMIT_AI_JOB;

    @Test
    void aLookupLimitLeavesSubmitsAtTheServiceRate() throws Exception {
        routes("direct:lookup", "aivod-aijob:lookup?maxRequestsPerSecond=2",
                "direct:submit", "aivod-aijob:submit?operation=submitAiJob&jobTypes=AIMediaDNA");

        sendAll("direct:submit", 20, i -> "media-" + i);

        // at 2 a second the busiest second would hold 2 or 3 calls; at the service's 30, the 20 arrive within a second
        assertThat(VOD.emulator().stats().maxCallsInAnySecond(SUBMIT)).isGreaterThan(10);
    }

    @Test
    void aSubmitLimitLeavesLookupsUnlimited() throws Exception {
        routes("direct:lookup", "aivod-aijob:lookup",
                "direct:submit", "aivod-aijob:submit?operation=submitAiJob&jobTypes=AIMediaDNA&maxRequestsPerSecond=2");

        sendAll("direct:lookup", 20, i -> "job-" + i);

        assertThat(VOD.emulator().stats().maxCallsInAnySecond(LIST)).isGreaterThan(10);
    }

    @Test
    void eachLimitAppliesToItsOwnAction() throws Exception {
        routes("direct:lookup", "aivod-aijob:lookup?maxRequestsPerSecond=2",
                "direct:submit", "aivod-aijob:submit?operation=submitAiJob&jobTypes=AIMediaDNA&maxRequestsPerSecond=3");

        sendAll("direct:lookup", 5, i -> "job-" + i);
        sendAll("direct:submit", 6, i -> "media-" + i);

        assertThat(VOD.emulator().stats().maxCallsInAnySecond(LIST)).isBetween(1, 2);
        assertThat(VOD.emulator().stats().maxCallsInAnySecond(SUBMIT)).isBetween(1, 3);
    }

    @Test
    void endpointsOfOneKeyShareTheLowestLimitOfAnAction() throws Exception {
        routes("direct:lookup", "aivod-aijob:lookup?maxRequestsPerSecond=2",
                "direct:lookup2", "aivod-aijob:other?maxRequestsPerSecond=50");

        List<CompletableFuture<Object>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replies.add(template.asyncRequestBody("direct:lookup", "job-a" + i));
            replies.add(template.asyncRequestBody("direct:lookup2", "job-b" + i));
        }
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(VOD.emulator().stats().maxCallsInAnySecond(LIST)).isBetween(1, 2);
    }

    private void routes(String from1, String to1, String from2, String to2) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from1).to(to1);
                from(from2).to(to2);
            }
        });
    }

    private void sendAll(String uri, int count, java.util.function.IntFunction<String> body) throws Exception {
        CompletableFuture<?>[] replies = IntStream.range(0, count)
                .mapToObj(i -> template.asyncRequestBody(uri, body.apply(i)))
                .toArray(CompletableFuture[]::new);
        // generous: at 2 calls a second the slowest case here takes about 3 s
        CompletableFuture.allOf(replies).get(30, TimeUnit.SECONDS);
    }
}
