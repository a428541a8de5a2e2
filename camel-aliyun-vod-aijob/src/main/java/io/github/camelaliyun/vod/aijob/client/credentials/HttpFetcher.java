package io.github.camelaliyun.vod.aijob.client.credentials;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The few HTTP exchanges the credential providers make (STS, the ECS metadata service, a credentials URI), without
 * blocking: the component sends them through its own connection pool
 * ({@link io.github.camelaliyun.vod.aijob.client.TransportHttpFetcher}), so refreshing starts no thread of its own.
 */
public interface HttpFetcher {

    /** An HTTP answer, whatever its status. */
    record Reply(int status, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param formBody an {@code application/x-www-form-urlencoded} body, or {@code null} for none
     * @param timeout  for the connection and for the answer each; the exchange fails after both have passed
     */
    CompletableFuture<Reply> send(String method, URI uri, Map<String, String> headers, String formBody,
                                  Duration timeout);
}
