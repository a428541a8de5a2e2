package io.github.camelaliyun.vod.aijob.client;

import java.util.Objects;

/**
 * An access key pair, with the security token of temporary (STS) credentials when there is one. {@link #toString()}
 * never shows the secret or the token.
 */
public final class AlibabaCloudCredentials {

    private final String accessKeyId;
    private final String accessKeySecret;
    private final String securityToken;

    public AlibabaCloudCredentials(String accessKeyId, String accessKeySecret, String securityToken) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.accessKeySecret = Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        this.securityToken = securityToken == null || securityToken.isBlank() ? null : securityToken;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String accessKeySecret() {
        return accessKeySecret;
    }

    /** The STS security token, or {@code null} for long-term keys. */
    public String securityToken() {
        return securityToken;
    }

    @Override
    public String toString() {
        return "AlibabaCloudCredentials[accessKeyId=" + accessKeyId + ", accessKeySecret=***"
               + (securityToken != null ? ", securityToken=***" : "") + "]";
    }
}
