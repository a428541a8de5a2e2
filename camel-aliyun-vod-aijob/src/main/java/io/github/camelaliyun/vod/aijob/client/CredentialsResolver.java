package io.github.camelaliyun.vod.aijob.client;

import java.util.function.UnaryOperator;

/**
 * Picks the credentials for an endpoint: explicit options first, then the environment variables the Alibaba Cloud
 * SDKs read. Fails with one message that names both ways when neither gives a complete key pair.
 */
public final class CredentialsResolver {

    public static final String ENV_ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public static final String ENV_ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public static final String ENV_SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";

    private final UnaryOperator<String> environment;

    public CredentialsResolver() {
        this(System::getenv);
    }

    /** @param environment looks up an environment variable; tests pass their own */
    public CredentialsResolver(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** {@code true} when the environment holds a complete key pair. */
    public boolean environmentHasCredentials() {
        return !isBlank(environment.apply(ENV_ACCESS_KEY_ID)) && !isBlank(environment.apply(ENV_ACCESS_KEY_SECRET));
    }

    public AlibabaCloudCredentials resolve(String accessKeyId, String accessKeySecret, String securityToken) {
        if (!isBlank(accessKeyId) || !isBlank(accessKeySecret)) {
            if (isBlank(accessKeyId) || isBlank(accessKeySecret)) {
                throw new IllegalArgumentException("Incomplete Alibaba Cloud credentials: the options accessKeyId and"
                                                   + " accessKeySecret must be set together (only "
                                                   + (isBlank(accessKeyId) ? "accessKeySecret" : "accessKeyId")
                                                   + " is set)");
            }
            return new AlibabaCloudCredentials(accessKeyId.trim(), accessKeySecret.trim(), securityToken);
        }
        if (environmentHasCredentials()) {
            String token = !isBlank(securityToken) ? securityToken : environment.apply(ENV_SECURITY_TOKEN);
            return new AlibabaCloudCredentials(environment.apply(ENV_ACCESS_KEY_ID).trim(),
                    environment.apply(ENV_ACCESS_KEY_SECRET).trim(), token);
        }
        throw new IllegalArgumentException("No Alibaba Cloud credentials found. Either set the options accessKeyId and"
                                           + " accessKeySecret (on the endpoint or on the aivod-aijob component), or set"
                                           + " the environment variables " + ENV_ACCESS_KEY_ID + " and "
                                           + ENV_ACCESS_KEY_SECRET + " (plus " + ENV_SECURITY_TOKEN
                                           + " for STS credentials)");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
