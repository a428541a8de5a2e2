package io.github.camelaliyun.vod.aijob.client;

import java.time.Instant;
import java.util.Objects;

/**
 * An access key pair, with the security token of temporary (STS) credentials when there is one, and when they expire
 * if they do. {@link #toString()} never shows the secret or the token.
 */
public final class AlibabaCloudCredentials {

    private final String accessKeyId;
    private final String accessKeySecret;
    private final String securityToken;
    private final Instant expiration;

    public AlibabaCloudCredentials(String accessKeyId, String accessKeySecret, String securityToken) {
        this(accessKeyId, accessKeySecret, securityToken, null);
    }

    /** @param expiration when temporary credentials stop working, {@code null} for long-term keys */
    public AlibabaCloudCredentials(String accessKeyId, String accessKeySecret, String securityToken,
                                   Instant expiration) {
        this.accessKeyId = printableAscii("accessKeyId", Objects.requireNonNull(accessKeyId, "accessKeyId"));
        this.accessKeySecret
                = printableAscii("secretKey", Objects.requireNonNull(accessKeySecret, "accessKeySecret"));
        this.securityToken
                = securityToken == null || securityToken.isBlank() ? null : printableAscii("sessionToken", securityToken);
        this.expiration = expiration;
    }

    /**
     * Keys and tokens travel in HTTP headers, which carry only ASCII; the value itself is never put in the message,
     * which names the component's option ({@code name}).
     */
    private static String printableAscii(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                // typed into an endpoint URI, a '+' arrives here as a space: Camel decodes the query
                String uriHint = c == ' ' ? "; in an endpoint URI a + reads as a space: write it as " + name
                                            + "=#property:<property name>, or " + name + "=RAW(...)" : "";
                throw new IllegalArgumentException("The " + name + " holds a character that cannot be part of Alibaba"
                                                   + " Cloud credentials (position " + i + "; only printable ASCII"
                                                   + " without spaces is allowed): check for a stray space, line"
                                                   + " break or quote copied with it" + uriHint);
            }
        }
        return value;
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

    /** When these credentials stop working, or {@code null} when they do not expire. */
    public Instant expiration() {
        return expiration;
    }

    @Override
    public String toString() {
        return "AlibabaCloudCredentials[accessKeyId=" + accessKeyId + ", accessKeySecret=***"
               + (securityToken != null ? ", securityToken=***" : "")
               + (expiration != null ? ", expiration=" + expiration : "") + "]";
    }
}
