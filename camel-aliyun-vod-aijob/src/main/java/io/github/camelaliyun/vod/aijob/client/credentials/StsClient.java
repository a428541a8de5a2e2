package io.github.camelaliyun.vod.aijob.client.credentials;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelaliyun.vod.aijob.client.AcsPercentEncoder;
import io.github.camelaliyun.vod.aijob.client.AcsRequest;
import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.RpcHmacSha1Signer;
import io.github.camelaliyun.vod.aijob.client.SecretRedaction;

/**
 * The two STS calls the chain makes: {@code AssumeRoleWithOIDC} (anonymous: the OIDC token is the proof) and
 * {@code AssumeRole} (signed with the RPC HMAC-SHA1 signature by the credentials it starts from). Both are POSTs with
 * the parameters in a form body, so neither the OIDC token nor a security token is in a request line.
 */
final class StsClient {

    static final String VERSION = "2015-04-01";
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpFetcher http;
    private final URI endpoint;

    StsClient(HttpFetcher http, URI endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    URI endpoint() {
        return endpoint;
    }

    CompletableFuture<AlibabaCloudCredentials> assumeRoleWithOidc(
            String provider, String roleArn, String oidcProviderArn, String oidcToken, String sessionName,
            int durationSeconds) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "AssumeRoleWithOIDC");
        form.put("Version", VERSION);
        form.put("Format", "JSON");
        form.put("Timestamp", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
        form.put("RoleArn", roleArn);
        form.put("OIDCProviderArn", oidcProviderArn);
        form.put("OIDCToken", oidcToken);
        form.put("RoleSessionName", sessionName);
        form.put("DurationSeconds", Integer.toString(durationSeconds));
        return call(provider, "AssumeRoleWithOIDC", encode(form), List.of(oidcToken));
    }

    CompletableFuture<AlibabaCloudCredentials> assumeRole(
            String provider, AlibabaCloudCredentials from, String roleArn, String sessionName, int durationSeconds,
            String policy, String externalId) {
        String host = endpoint.getPort() == -1 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        AcsRequest request = new AcsRequest("POST", host, "AssumeRole", VERSION);
        request.queryParam("RoleArn", roleArn).queryParam("RoleSessionName", sessionName)
                .queryParam("DurationSeconds", Integer.toString(durationSeconds));
        if (policy != null) {
            request.queryParam("Policy", policy);
        }
        if (externalId != null) {
            request.queryParam("ExternalId", externalId);
        }
        new RpcHmacSha1Signer().sign(request, from, Instant.now(), UUID.randomUUID().toString());
        List<String> secrets = new ArrayList<>(List.of(from.accessKeySecret()));
        if (from.securityToken() != null) {
            secrets.add(from.securityToken());
        }
        return call(provider, "AssumeRole", request.canonicalQueryString(), secrets);
    }

    private CompletableFuture<AlibabaCloudCredentials> call(
            String provider, String action, String form, List<String> secrets) {
        return http.send("POST", endpoint, Map.of("Accept", "application/json"), form, TIMEOUT)
                .handle((reply, error) -> {
                    if (error != null) {
                        throw new CredentialsFetchException(provider, "STS " + action + " at " + endpoint
                                                                      + " did not answer: "
                                                                      + RefreshingCredentialsProvider.describe(error),
                                null, null, null);
                    }
                    return read(provider, action, reply, secrets);
                });
    }

    private AlibabaCloudCredentials read(String provider, String action, HttpFetcher.Reply reply, List<String> secrets) {
        JsonNode root;
        try {
            root = JSON.readTree(reply.body());
        } catch (IOException e) {
            root = null;
        }
        if (reply.status() != 200) {
            String code = root != null ? text(root, "Code") : null;
            String requestId = root != null ? text(root, "RequestId") : null;
            String message = SecretRedaction.redact(root != null ? text(root, "Message") : null, secrets);
            throw new CredentialsFetchException(provider, "STS " + action + " answered HTTP " + reply.status() + " "
                                                          + (code != null ? code : "without an error code")
                                                          + (message != null ? ": " + message : "")
                                                          + (requestId != null ? " (RequestId " + requestId + ")" : ""),
                    code, requestId, null);
        }
        JsonNode credentials = root == null ? null : root.get("Credentials");
        if (credentials == null || !credentials.isObject()) {
            throw new CredentialsFetchException(provider, "STS " + action + " answered HTTP 200 without Credentials"
                                                          + (root != null && text(root, "RequestId") != null
                                                                  ? " (RequestId " + text(root, "RequestId") + ")" : ""));
        }
        return CredentialsJson.credentials(provider, "STS " + action, credentials);
    }


    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String encode(Map<String, String> form) {
        StringJoiner joiner = new StringJoiner("&");
        form.forEach((k, v) -> joiner.add(AcsPercentEncoder.encode(k) + "=" + AcsPercentEncoder.encode(v)));
        return joiner.toString();
    }
}
