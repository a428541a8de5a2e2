package io.github.camelaliyun.vod.aijob.client.credentials;

/**
 * A credential provider could not get credentials: names the provider and, when a service answered, its error code
 * and request id. The message never holds a secret, a security token or an OIDC token.
 */
public class CredentialsFetchException extends RuntimeException {

    private final String provider;
    private final String errorCode;
    private final String requestId;

    public CredentialsFetchException(String provider, String message, String errorCode, String requestId,
                                     Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.errorCode = errorCode;
        this.requestId = requestId;
    }

    public CredentialsFetchException(String provider, String message) {
        this(provider, message, null, null, null);
    }

    /** The provider that failed, such as {@code ECS RAM role}. */
    public String getProvider() {
        return provider;
    }

    /** The error code the service answered with, or {@code null} when none answered. */
    public String getErrorCode() {
        return errorCode;
    }

    public String getRequestId() {
        return requestId;
    }
}
