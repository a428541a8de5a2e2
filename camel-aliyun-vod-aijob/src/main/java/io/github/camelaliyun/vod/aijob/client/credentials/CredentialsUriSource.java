package io.github.camelaliyun.vod.aijob.client.credentials;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;

/** A GET on {@code ALIBABA_CLOUD_CREDENTIALS_URI}, answering the same fields as the ECS metadata service. */
final class CredentialsUriSource implements CredentialsSource {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final HttpFetcher http;
    private final URI uri;

    CredentialsUriSource(String name, HttpFetcher http, URI uri) {
        this.name = name;
        this.http = http;
        this.uri = uri;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<AlibabaCloudCredentials> fetch() {
        // the URI may carry a secret in its query: only its host is ever shown
        return http.send("GET", uri, Map.of("Accept", "application/json"), null, TIMEOUT).handle((reply, error) -> {
            if (error != null) {
                throw new CredentialsFetchException(name, "The credentials URI at " + uri.getHost() + " did not answer: "
                                                          + RefreshingCredentialsProvider.describe(error));
            }
            JsonNode root;
            try {
                root = JSON.readTree(reply.body());
            } catch (IOException e) {
                root = null;
            }
            if (reply.status() != 200 || root == null || !root.isObject()
                    || (root.hasNonNull("Code") && !"Success".equals(root.get("Code").asText()))) {
                throw new CredentialsFetchException(name, "The credentials URI at " + uri.getHost() + " answered HTTP "
                                                          + reply.status()
                                                          + (root != null && root.hasNonNull("Code")
                                                                  ? " with Code " + root.get("Code").asText()
                                                                  : root == null ? " with a body that is not JSON" : ""));
            }
            return CredentialsJson.credentials(name, "The credentials URI at " + uri.getHost(), root);
        });
    }
}
