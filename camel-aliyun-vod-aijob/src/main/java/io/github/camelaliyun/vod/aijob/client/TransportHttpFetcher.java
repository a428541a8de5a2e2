package io.github.camelaliyun.vod.aijob.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.util.Timeout;

import io.github.camelaliyun.vod.aijob.client.credentials.HttpFetcher;

/**
 * Sends the credential providers' calls through a {@link VodHttpTransport}: its I/O threads and timer, closed with
 * it, so a refresh needs no thread of its own and none outlives the component.
 */
public final class TransportHttpFetcher implements HttpFetcher {

    private final VodHttpTransport transport;

    public TransportHttpFetcher(VodHttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public CompletableFuture<Reply> send(
            String method, URI uri, Map<String, String> headers, String formBody, Duration timeout) {
        SimpleHttpRequest request = SimpleHttpRequest.create(method, uri);
        headers.forEach(request::setHeader);
        if (formBody != null) {
            request.setBody(formBody, ContentType.APPLICATION_FORM_URLENCODED);
        }
        Timeout each = Timeout.ofMilliseconds(timeout.toMillis());
        @SuppressWarnings("deprecation") // per-request connect timeout: 1 s for the metadata service, more for STS
        RequestConfig config = RequestConfig.custom().setConnectTimeout(each).setResponseTimeout(each)
                .setConnectionRequestTimeout(each).build();
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(config);
        CompletableFuture<Reply> result = new CompletableFuture<>();
        Future<SimpleHttpResponse> inFlight;
        try {
            inFlight = transport.execute(request, context, new FutureCallback<>() {
                @Override
                public void completed(SimpleHttpResponse response) {
                    result.complete(new Reply(response.getCode(),
                            response.getBodyBytes() == null ? new byte[0] : response.getBodyBytes()));
                }

                @Override
                public void failed(Exception ex) {
                    result.completeExceptionally(ex);
                }

                @Override
                public void cancelled() {
                    result.completeExceptionally(new TimeoutException("no answer from " + uri.getHost()));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        // connection and answer each get the timeout; past both, give up whatever HttpClient still waits for
        ScheduledFuture<?> deadline = transport.scheduleTimeout(() -> {
            result.completeExceptionally(new TimeoutException("no answer from " + uri.getHost() + " within "
                                                              + timeout.toMillis() + " ms"));
            inFlight.cancel(true);
        }, 2 * timeout.toMillis());
        result.whenComplete((r, e) -> {
            if (deadline != null) {
                deadline.cancel(false);
            }
        });
        return result;
    }
}
