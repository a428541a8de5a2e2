package io.github.camelaliyun.vod.aijob.client.credentials;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;

/**
 * Reads {@code AccessKeyId}, {@code AccessKeySecret}, {@code SecurityToken} and {@code Expiration} (UTC,
 * {@code yyyy-MM-ddTHH:mm:ssZ}), the fields STS, the ECS metadata service and a credentials URI all answer with.
 */
final class CredentialsJson {

    private CredentialsJson() {
    }

    static AlibabaCloudCredentials credentials(String provider, String from, JsonNode node) {
        String id = field(provider, from, node, "AccessKeyId");
        String secret = field(provider, from, node, "AccessKeySecret");
        String token = field(provider, from, node, "SecurityToken");
        String expiration = field(provider, from, node, "Expiration");
        Instant expires;
        try {
            expires = Instant.parse(expiration);
        } catch (DateTimeParseException e) {
            throw new CredentialsFetchException(provider, from + " answered an Expiration that is not a UTC time such"
                                                          + " as 2026-01-01T00:00:00Z: '" + expiration + "'");
        }
        if (!expires.isAfter(Instant.now())) {
            throw new CredentialsFetchException(provider, from + " answered credentials that expired at " + expires
                                                          + " (access key " + id + ")");
        }
        try {
            return new AlibabaCloudCredentials(id, secret, token, expires);
        } catch (IllegalArgumentException e) {
            throw new CredentialsFetchException(provider, from + " answered credentials that cannot be used: "
                                                          + e.getMessage());
        }
    }

    private static String field(String provider, String from, JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new CredentialsFetchException(provider, from + " answered without " + name);
        }
        return value.asText();
    }
}
