package io.github.camelaliyun.vod.aijob.client.credentials;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;

/**
 * Alibaba Cloud's default credentials chain, in the order of its official Java library: system properties,
 * environment variables, an OIDC role (ACK RRSA), the CLI profile {@code ~/.aliyun/config.json}, the credentials file
 * {@code ~/.alibabacloud/credentials.ini}, the ECS instance's RAM role, and {@code ALIBABA_CLOUD_CREDENTIALS_URI}. The
 * first provider that answers is kept (logged once at INFO, by name) and its credentials refreshed before they
 * expire; when none answers, the error lists what each one lacked.
 */
public final class DefaultCredentialsChain implements CredentialsProvider {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultCredentialsChain.class);

    static final String PROP_ACCESS_KEY_ID = "alibabacloud.accessKeyId";
    static final String PROP_ACCESS_KEY_SECRET = "alibabacloud.accessKeySecret";
    static final String PROP_SESSION_TOKEN = "alibabacloud.sessionToken";
    public static final String ENV_ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public static final String ENV_ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public static final String ENV_SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";
    static final String ENV_ROLE_ARN = "ALIBABA_CLOUD_ROLE_ARN";
    static final String ENV_OIDC_PROVIDER_ARN = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
    static final String ENV_OIDC_TOKEN_FILE = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
    static final String ENV_ROLE_SESSION_NAME = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
    static final String ENV_ECS_METADATA_DISABLED = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
    static final String ENV_ECS_METADATA = "ALIBABA_CLOUD_ECS_METADATA";
    static final String ENV_IMDSV1_DISABLED = "ALIBABA_CLOUD_IMDSV1_DISABLED";
    static final String ENV_CREDENTIALS_URI = "ALIBABA_CLOUD_CREDENTIALS_URI";

    /** One link of the chain: its name, and the source it makes, or why it cannot ({@link NotConfigured}). */
    private record Link(String name, Supplier<CredentialsSource> source) {
    }

    /** A provider that does not apply here; the message says what it lacked. */
    static final class NotConfigured extends RuntimeException {
        NotConfigured(String message) {
            super(message, null, false, false);
        }
    }

    private final CredentialsEnvironment env;
    private final HttpFetcher http;
    private volatile RefreshingCredentialsProvider chosen;

    public DefaultCredentialsChain(CredentialsEnvironment env, HttpFetcher http) {
        this.env = env;
        this.http = http;
    }

    @Override
    public AlibabaCloudCredentials credentials() {
        RefreshingCredentialsProvider provider = chosen;
        return (provider != null ? provider : choose()).credentials();
    }

    @Override
    public CompletableFuture<AlibabaCloudCredentials> credentialsAsync() {
        RefreshingCredentialsProvider provider = chosen;
        // the choice itself is made once, when the route starts (it may wait for the metadata service)
        return provider != null ? provider.credentialsAsync() : CredentialsProvider.super.credentialsAsync();
    }

    /** The name of the provider that answered, or {@code null} before one did. */
    public String providerName() {
        RefreshingCredentialsProvider provider = chosen;
        return provider == null ? null : provider.name();
    }

    private synchronized RefreshingCredentialsProvider choose() {
        if (chosen != null) {
            return chosen;
        }
        List<String> lacks = new ArrayList<>();
        for (Link link : links()) {
            CredentialsSource source;
            try {
                source = link.source().get();
            } catch (NotConfigured | IllegalArgumentException e) {
                lacks.add(link.name() + ": " + e.getMessage());
                continue;
            }
            RefreshingCredentialsProvider provider = new RefreshingCredentialsProvider(source);
            try {
                provider.credentials();
            } catch (CredentialsFetchException e) {
                // the cause says what went wrong without repeating the provider's name
                lacks.add(link.name() + ": " + (e.getCause() instanceof CredentialsFetchException cause
                        ? cause.getMessage() : e.getMessage()));
                continue;
            }
            LOG.info("Alibaba Cloud credentials from {}", source.name());
            chosen = provider;
            return provider;
        }
        throw new CredentialsFetchException("the default credentials chain",
                "No Alibaba Cloud credentials found. Set the options accessKeyId and secretKey (on the endpoint or"
                                                                             + " on the aivod-aijob component), or a"
                                                                             + " credentialsProvider bean, or let one"
                                                                             + " of the default chain's providers"
                                                                             + " answer. What each lacked: "
                                                                             + String.join("; ", lacks));
    }

    private List<Link> links() {
        return List.of(
                new Link("system properties", this::systemProperties),
                new Link("environment variables", this::environment),
                new Link("OIDC role", this::oidcRole),
                new Link("CLI profile", () -> new CliProfiles(env, http).source()),
                new Link("credentials file", () -> new IniProfiles(env, http).source()),
                new Link("ECS RAM role", this::ecsRamRole),
                new Link("credentials URI", this::credentialsUri));
    }

    private CredentialsSource systemProperties() {
        return keyPair("system properties", env.property(PROP_ACCESS_KEY_ID), PROP_ACCESS_KEY_ID,
                env.property(PROP_ACCESS_KEY_SECRET), PROP_ACCESS_KEY_SECRET, env.property(PROP_SESSION_TOKEN));
    }

    private CredentialsSource environment() {
        return keyPair("environment variables", env.env(ENV_ACCESS_KEY_ID), ENV_ACCESS_KEY_ID,
                env.env(ENV_ACCESS_KEY_SECRET), ENV_ACCESS_KEY_SECRET, env.env(ENV_SECURITY_TOKEN));
    }

    private static CredentialsSource keyPair(
            String from, String id, String idName, String secret, String secretName, String token) {
        if (id == null && secret == null) {
            throw new NotConfigured(idName + " and " + secretName + " are not set");
        }
        if (id == null || secret == null) {
            throw new NotConfigured((id == null ? idName : secretName) + " is not set (only "
                                    + (id == null ? secretName : idName) + " is)");
        }
        return new StaticSource(from + " (" + idName + ")", new AlibabaCloudCredentials(id, secret, token));
    }

    private CredentialsSource oidcRole() {
        String roleArn = env.env(ENV_ROLE_ARN);
        String providerArn = env.env(ENV_OIDC_PROVIDER_ARN);
        String tokenFile = env.env(ENV_OIDC_TOKEN_FILE);
        if (roleArn == null || providerArn == null || tokenFile == null) {
            List<String> missing = new ArrayList<>();
            if (roleArn == null) {
                missing.add(ENV_ROLE_ARN);
            }
            if (providerArn == null) {
                missing.add(ENV_OIDC_PROVIDER_ARN);
            }
            if (tokenFile == null) {
                missing.add(ENV_OIDC_TOKEN_FILE);
            }
            throw new NotConfigured(String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not set");
        }
        return new OidcRoleSource("OIDC role (" + ENV_ROLE_ARN + ")", new StsClient(http, StsEndpoints.resolve(env)),
                roleArn, providerArn, Path.of(tokenFile),
                RoleSettings.sessionName(env.env(ENV_ROLE_SESSION_NAME), ENV_ROLE_SESSION_NAME),
                RoleSettings.DEFAULT_DURATION_SECONDS);
    }

    private CredentialsSource ecsRamRole() {
        if (env.envIsTrue(ENV_ECS_METADATA_DISABLED)) {
            throw new NotConfigured(ENV_ECS_METADATA_DISABLED + "=true");
        }
        return ecsRamRole(env, http, env.env(ENV_ECS_METADATA));
    }

    static CredentialsSource ecsRamRole(CredentialsEnvironment env, HttpFetcher http, String roleName) {
        URI metadata = env.ecsMetadataEndpoint();
        return new EcsRamRoleSource("ECS RAM role" + (roleName != null ? " " + roleName : ""), http, metadata, roleName,
                env.envIsTrue(ENV_IMDSV1_DISABLED));
    }

    private CredentialsSource credentialsUri() {
        String uri = env.env(ENV_CREDENTIALS_URI);
        if (uri == null) {
            throw new NotConfigured(ENV_CREDENTIALS_URI + " is not set");
        }
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || parsed.getHost() == null || parsed.getScheme() == null
                || !(parsed.getScheme().equalsIgnoreCase("http") || parsed.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException(ENV_CREDENTIALS_URI + " is not an http(s) URL with a host");
        }
        return new CredentialsUriSource("credentials URI (" + ENV_CREDENTIALS_URI + ")", http, parsed);
    }

    @Override
    public String toString() {
        String name = providerName();
        return "DefaultCredentialsChain[" + (name != null ? name : "not resolved yet") + "]";
    }
}
