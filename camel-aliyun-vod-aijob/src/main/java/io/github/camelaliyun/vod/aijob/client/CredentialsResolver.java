package io.github.camelaliyun.vod.aijob.client;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.github.camelaliyun.vod.aijob.client.credentials.DefaultCredentialsChain;

/**
 * Picks the credentials for an endpoint: the key options first, then a {@code credentialsProvider} bean, then Alibaba
 * Cloud's default credentials chain (system properties, environment, OIDC role, profiles, ECS RAM role, credentials
 * URI).
 */
public final class CredentialsResolver {

    public static final String ENV_ACCESS_KEY_ID = DefaultCredentialsChain.ENV_ACCESS_KEY_ID;
    public static final String ENV_ACCESS_KEY_SECRET = DefaultCredentialsChain.ENV_ACCESS_KEY_SECRET;
    public static final String ENV_SECURITY_TOKEN = DefaultCredentialsChain.ENV_SECURITY_TOKEN;

    private final UnaryOperator<String> environment;

    public CredentialsResolver() {
        this(System::getenv);
    }

    /** @param environment looks up an environment variable, for {@link #resolve(String, String, String)}; tests pass their own */
    public CredentialsResolver(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** {@code true} when the environment holds a complete key pair. */
    public boolean environmentHasCredentials() {
        return !isBlank(environment.apply(ENV_ACCESS_KEY_ID)) && !isBlank(environment.apply(ENV_ACCESS_KEY_SECRET));
    }

    /**
     * Fixed keys only, for a client built by hand: the given ones, else the environment's key pair (with its token).
     * The component itself resolves with {@link #resolve(String, String, String, CredentialsProvider, Supplier)},
     * which falls back to the whole default chain and refreshes temporary credentials.
     */
    public AlibabaCloudCredentials resolve(String accessKeyId, String secretKey, String sessionToken) {
        if (!isBlank(accessKeyId) || !isBlank(secretKey)) {
            return resolve(accessKeyId, secretKey, sessionToken, null, null).provider().credentials();
        }
        if (environmentHasCredentials()) {
            String token = !isBlank(sessionToken) ? sessionToken : environment.apply(ENV_SECURITY_TOKEN);
            return new AlibabaCloudCredentials(environment.apply(ENV_ACCESS_KEY_ID).trim(),
                    environment.apply(ENV_ACCESS_KEY_SECRET).trim(), token);
        }
        throw new IllegalArgumentException("No Alibaba Cloud credentials found. Either set the options accessKeyId and"
                                           + " secretKey, or set the environment variables " + ENV_ACCESS_KEY_ID
                                           + " and " + ENV_ACCESS_KEY_SECRET + " (plus " + ENV_SECURITY_TOKEN
                                           + " for STS credentials)");
    }

    /**
     * The provider to sign with, and what identifies the account it signs for over time (the access key id of fixed
     * keys, else the provider itself, whose keys rotate): the rate limiters are shared per account.
     */
    public record Resolved(CredentialsProvider provider, Object account) {
    }

    /**
     * @param credentialsProvider the {@code credentialsProvider} option, or {@code null}
     * @param defaultChain        the default chain, asked for only when nothing else is set
     */
    public Resolved resolve(
            String accessKeyId, String secretKey, String sessionToken, CredentialsProvider credentialsProvider,
            Supplier<CredentialsProvider> defaultChain) {
        if (!isBlank(accessKeyId) || !isBlank(secretKey)) {
            if (isBlank(accessKeyId) || isBlank(secretKey)) {
                throw new IllegalArgumentException("Incomplete Alibaba Cloud credentials: the options accessKeyId and"
                                                   + " secretKey must be set together (only "
                                                   + (isBlank(accessKeyId) ? "secretKey" : "accessKeyId")
                                                   + " is set)");
            }
            AlibabaCloudCredentials keys
                    = new AlibabaCloudCredentials(accessKeyId.trim(), secretKey.trim(), sessionToken);
            return new Resolved(CredentialsProvider.of(keys), keys.accessKeyId());
        }
        if (!isBlank(sessionToken)) {
            throw new IllegalArgumentException("The option sessionToken is set without accessKeyId and"
                                               + " secretKey: set the three together (temporary credentials from"
                                               + " the environment take ALIBABA_CLOUD_SECURITY_TOKEN instead)");
        }
        if (credentialsProvider != null) {
            return new Resolved(credentialsProvider, credentialsProvider);
        }
        CredentialsProvider chain = defaultChain.get();
        return new Resolved(chain, chain);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
