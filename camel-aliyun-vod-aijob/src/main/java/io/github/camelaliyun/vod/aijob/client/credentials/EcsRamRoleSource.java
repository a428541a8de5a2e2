package io.github.camelaliyun.vod.aijob.client.credentials;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;

/**
 * The RAM role of the ECS instance, from its metadata service: an IMDSv2 token first ({@code PUT /latest/api/token}),
 * then the role name (unless given) and its credentials, with the token in a header. When the service answers the
 * token request with an error, the same calls without a token (IMDSv1) follow, unless IMDSv1 is disabled; when it
 * does not answer at all, there is no metadata service to fall back to. Each call waits 1 second at most.
 */
final class EcsRamRoleSource implements CredentialsSource {

    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final String TOKEN_TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aliyun-ecs-metadata-token";
    static final String CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final HttpFetcher http;
    private final URI metadata;
    private final String roleName;
    private final boolean imdsV1Disabled;

    /** @param roleName the role to ask for, or {@code null} to ask the service for the instance's role */
    EcsRamRoleSource(String name, HttpFetcher http, URI metadata, String roleName, boolean imdsV1Disabled) {
        this.name = name;
        this.http = http;
        this.metadata = metadata;
        this.roleName = roleName;
        this.imdsV1Disabled = imdsV1Disabled;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<AlibabaCloudCredentials> fetch() {
        return http.send("PUT", metadata.resolve("/latest/api/token"), Map.of(TOKEN_TTL_HEADER, "21600"), null, TIMEOUT)
                .handle((reply, error) -> {
                    if (error != null) {
                        throw new CredentialsFetchException(name, "The ECS metadata service at " + metadata.getHost()
                                                                  + " did not answer (not an ECS instance?): "
                                                                  + RefreshingCredentialsProvider.describe(error));
                    }
                    if (reply.status() == 200 && !reply.text().isBlank()) {
                        return reply.text().trim();
                    }
                    if (imdsV1Disabled) {
                        throw new CredentialsFetchException(name, "The ECS metadata service refused an IMDSv2 token"
                                                                  + " (HTTP " + reply.status() + ") and IMDSv1 is"
                                                                  + " disabled (ALIBABA_CLOUD_IMDSV1_DISABLED=true)");
                    }
                    return (String) null; // IMDSv1: no token
                })
                .thenCompose(token -> role(token).thenCompose(role -> credentials(token, role)));
    }

    private CompletableFuture<String> role(String token) {
        if (roleName != null) {
            return CompletableFuture.completedFuture(roleName);
        }
        return get(CREDENTIALS_PATH, token).thenApply(reply -> {
            String role = reply.text().trim().split("\\s+")[0];
            if (reply.status() != 200 || role.isEmpty()) {
                throw new CredentialsFetchException(name, "The ECS metadata service names no RAM role for this instance"
                                                          + " (HTTP " + reply.status() + "): attach one to the"
                                                          + " instance, or set ALIBABA_CLOUD_ECS_METADATA");
            }
            return role;
        });
    }

    private CompletableFuture<AlibabaCloudCredentials> credentials(String token, String role) {
        return get(CREDENTIALS_PATH + role, token).thenApply(reply -> {
            JsonNode root;
            try {
                root = JSON.readTree(reply.body());
            } catch (IOException e) {
                root = null;
            }
            if (reply.status() != 200 || root == null || !"Success".equals(root.path("Code").asText())) {
                throw new CredentialsFetchException(name, "The ECS metadata service gave no credentials for the RAM"
                                                          + " role " + role + " (HTTP " + reply.status()
                                                          + (root != null && root.hasNonNull("Code")
                                                                  ? ", Code " + root.get("Code").asText() : "")
                                                          + ")");
            }
            return CredentialsJson.credentials(name, "The ECS metadata service", root);
        });
    }

    private CompletableFuture<HttpFetcher.Reply> get(String path, String token) {
        return http.send("GET", metadata.resolve(path), token == null ? Map.of() : Map.of(TOKEN_HEADER, token), null,
                TIMEOUT).exceptionally(error -> {
                    throw new CompletionException(new CredentialsFetchException(name, "The ECS metadata service did"
                                                                                      + " not answer " + path + ": "
                                                                                      + RefreshingCredentialsProvider.describe(error)));
                });
    }
}
