package io.github.camelaliyun.vod.aijob;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.BindToRegistry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.client.SubmitAiJobRequest;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.model.SubmitAiJobResult;
import io.github.camelaliyun.vod.aijob.model.ListAiJobsResult;

import static org.assertj.core.api.Assertions.assertThat;

/** A VodAiJobClient bound in the registry replaces the one the component would build, credentials and all. */
class AutowiredClientTest extends CamelTestSupport {

    @BindToRegistry("myVodClient")
    private final RecordingClient registered = new RecordingClient();

    @Test
    void singleClientInTheRegistryIsAutowiredAndNeedsNoCredentials() throws Exception {
        VodAiJobEndpoint endpoint = context.getEndpoint("aivod-aijob:auto", VodAiJobEndpoint.class);
        endpoint.createProducer().start();

        assertThat(endpoint.getClient()).isSameAs(registered);
        context.stop();
        assertThat(registered.closed).as("a client from the registry belongs to its owner").isFalse();
    }

    static final class RecordingClient implements VodAiJobClient {
        volatile boolean closed;

        @Override
        public CompletableFuture<ListAiJobsResult> listAiJobsAsync(List<String> jobIds) {
            return CompletableFuture.completedFuture(new ListAiJobsResult("r", List.of(), jobIds));
        }

        @Override
        public CompletableFuture<SubmitAiJobResult> submitAiJobAsync(SubmitAiJobRequest request) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("not used here"));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
