package io.github.camelaliyun.vod.aijob.client.credentials;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.TransportHttpFetcher;
import io.github.camelaliyun.vod.aijob.client.VodHttpTransport;
import io.github.camelaliyun.vod.emulator.CredentialsEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The default chain against a loopback STS and ECS metadata service ({@link CredentialsEmulator}), with an
 * environment of the test's own: which provider answers, in which order, and what the error says when none does.
 */
class DefaultCredentialsChainTest {

    static final String ROLE_ARN = "acs:ram::123456789012:role/vod-jobs";
    static final String OIDC_PROVIDER_ARN = "acs:ram::123456789012:oidc-provider/ack-rrsa-c1";

    private static VodHttpTransport transport;
    private static HttpFetcher http;
    private CredentialsEmulator sts;
    private final Map<String, String> vars = new HashMap<>();
    private final Map<String, String> props = new HashMap<>();
    @TempDir
    Path home;

    @BeforeAll
    static void startTransport() {
        transport = new VodHttpTransport(2);
        http = new TransportHttpFetcher(transport);
    }

    @AfterAll
    static void closeTransport() {
        transport.close();
    }

    @BeforeEach
    void startSts() {
        sts = CredentialsEmulator.start();
    }

    @AfterEach
    void stopSts() {
        sts.close();
    }

    DefaultCredentialsChain chain() {
        return new DefaultCredentialsChain(CredentialsEnvironment.of(vars, home).withSystemProperties(props)
                .withEcsMetadataEndpoint(sts.uri()), http);
    }

    /** An environment where only what the test adds can answer: no metadata service. */
    private void noMetadataService() {
        vars.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
    }

    @Test
    void systemPropertiesComeBeforeTheEnvironment() {
        noMetadataService();
        vars.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id");
        vars.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");
        props.put("alibabacloud.accessKeyId", "prop-id");
        props.put("alibabacloud.accessKeySecret", "prop-secret");

        DefaultCredentialsChain chain = chain();
        assertThat(chain.credentials().accessKeyId()).isEqualTo("prop-id");
        assertThat(chain.providerName()).isEqualTo("system properties (alibabacloud.accessKeyId)");

        props.clear();
        DefaultCredentialsChain fromEnv = chain();
        assertThat(fromEnv.credentials().accessKeyId()).isEqualTo("env-id");
        assertThat(fromEnv.toString()).contains("environment variables").doesNotContain("env-secret");
    }

    @Test
    void environmentKeysTakeTheirSecurityToken() {
        noMetadataService();
        vars.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.env");
        vars.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");
        vars.put("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token");

        assertThat(chain().credentials().securityToken()).isEqualTo("env-token");
    }

    @Test
    void oidcRoleReadsTheTokenFileAgainAtEachRefresh() throws IOException {
        sts.lifetime(Duration.ofSeconds(2)).acceptOidcToken("oidc-token-1").acceptOidcToken("oidc-token-2");
        Path tokenFile = Files.writeString(home.resolve("token"), "oidc-token-1\n");
        oidc(tokenFile);

        DefaultCredentialsChain chain = chain();
        AlibabaCloudCredentials first = chain.credentials();
        assertThat(chain.providerName()).isEqualTo("OIDC role (ALIBABA_CLOUD_ROLE_ARN)");
        assertThat(first.expiration()).isNotNull();
        Files.writeString(tokenFile, "oidc-token-2"); // ACK rotated it

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !chain.credentials().accessKeyId().equals(first.accessKeyId()));
        assertThat(sts.oidcTokensSeen()).startsWith("oidc-token-1").contains("oidc-token-2");
    }

    private void oidc(Path tokenFile) {
        noMetadataService();
        vars.put("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN);
        vars.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", OIDC_PROVIDER_ARN);
        vars.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile.toString());
        vars.put("ALIBABA_CLOUD_STS_ENDPOINT", sts.url());
    }

    @Test
    void anStsErrorNamesTheCodeAndTheRequestIdButNotTheToken() throws IOException {
        oidc(Files.writeString(home.resolve("token"), "a-token-sts-does-not-know"));

        assertThatThrownBy(() -> chain().credentials()).isInstanceOf(CredentialsFetchException.class)
                .hasMessageContaining("OIDC role: ")
                .hasMessageContaining("STS AssumeRoleWithOIDC answered HTTP 400 InvalidParameter.OIDCToken")
                .hasMessageContaining("RequestId ")
                .hasMessageNotContaining("a-token-sts-does-not-know");
    }

    @Test
    void incompleteOidcSettingsSayWhichVariableIsMissing() {
        noMetadataService();
        vars.put("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN);

        assertThatThrownBy(() -> chain().credentials())
                .hasMessageContaining("OIDC role: ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE are"
                                      + " not set");
    }

    @Test
    void ecsRamRoleWithAnImdsV2Token() {
        AlibabaCloudCredentials credentials = chain().credentials();

        assertThat(credentials.accessKeyId()).isEqualTo(sts.issued().get(0).accessKeyId());
        assertThat(credentials.securityToken()).isEqualTo(sts.issued().get(0).securityToken());
        assertThat(sts.imdsV2Calls()).isEqualTo(1);
        assertThat(sts.imdsV1Calls()).isZero();
    }

    @Test
    void ecsRamRoleFallsBackToImdsV1UnlessDisabled() {
        sts.refuseImdsV2Token(true);
        assertThat(chain().credentials().accessKeyId()).startsWith("STS.");
        assertThat(sts.imdsV1Calls()).isEqualTo(1);

        vars.put("ALIBABA_CLOUD_IMDSV1_DISABLED", "true");
        assertThatThrownBy(() -> chain().credentials())
                .hasMessageContaining("ECS RAM role: ")
                .hasMessageContaining("refused an IMDSv2 token (HTTP 403) and IMDSv1 is disabled");
    }

    @Test
    void ecsRamRoleNamedByTheEnvironment() {
        sts.ecsRole("named-role");
        vars.put("ALIBABA_CLOUD_ECS_METADATA", "named-role");
        DefaultCredentialsChain chain = chain();
        chain.credentials();
        assertThat(chain.providerName()).isEqualTo("ECS RAM role named-role");

        vars.put("ALIBABA_CLOUD_ECS_METADATA", "another-role");
        assertThatThrownBy(() -> chain().credentials())
                .hasMessageContaining("gave no credentials for the RAM role another-role (HTTP 404)");
    }

    @Test
    void anInstanceWithoutARoleSaysSo() {
        sts.ecsRole(null);
        assertThatThrownBy(() -> chain().credentials())
                .hasMessageContaining("names no RAM role for this instance");
    }

    @Test
    void credentialsUriAnswersTheSameFields() {
        noMetadataService();
        vars.put("ALIBABA_CLOUD_CREDENTIALS_URI",
                sts.url() + "/latest/meta-data/ram/security-credentials/" + CredentialsEmulator.DEFAULT_ECS_ROLE);
        DefaultCredentialsChain chain = chain();

        assertThat(chain.credentials().accessKeyId()).isEqualTo(sts.issued().get(0).accessKeyId());
        assertThat(chain.providerName()).isEqualTo("credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)");
    }

    @Test
    void expiredCredentialsFromTheUriAreRefused() {
        noMetadataService();
        sts.lifetime(Duration.ofSeconds(-5));
        vars.put("ALIBABA_CLOUD_CREDENTIALS_URI",
                sts.url() + "/latest/meta-data/ram/security-credentials/" + CredentialsEmulator.DEFAULT_ECS_ROLE);

        assertThatThrownBy(() -> chain().credentials())
                .hasMessageContaining("credentials URI: ")
                .hasMessageContaining("answered credentials that expired at")
                .hasMessageNotContaining(sts.issued().get(0).accessKeySecret());
    }

    @Test
    void whenNothingAnswersTheErrorListsWhatEachProviderLacked() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DefaultCredentialsChain chain = new DefaultCredentialsChain(CredentialsEnvironment.of(vars, home)
                .withEcsMetadataEndpoint(URI.create("http://127.0.0.1:" + closedPort)), http);

        assertThatThrownBy(chain::credentials).isInstanceOf(CredentialsFetchException.class)
                .hasMessageContaining("No Alibaba Cloud credentials found")
                .hasMessageContaining("system properties: alibabacloud.accessKeyId and alibabacloud.accessKeySecret"
                                      + " are not set")
                .hasMessageContaining("environment variables: ALIBABA_CLOUD_ACCESS_KEY_ID and"
                                      + " ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set")
                .hasMessageContaining("OIDC role: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN,"
                                      + " ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set")
                .hasMessageContaining("CLI profile: no file " + home.resolve(".aliyun").resolve("config.json")
                                      + " (in Java's user.home, " + home + ", which the HOME variable does not"
                                      + " change)")
                .hasMessageContaining("credentials file: no file")
                .hasMessageContaining("ECS RAM role: The ECS metadata service at 127.0.0.1 did not answer")
                .hasMessageContaining("credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is not set");
    }

    @Test
    void aMetadataServiceThatNeverAnswersCostsAboutOneSecond() throws IOException {
        // a loopback port that accepts connections (the kernel does, up to the backlog) but never answers
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            DefaultCredentialsChain chain = new DefaultCredentialsChain(CredentialsEnvironment.of(vars, home)
                    .withEcsMetadataEndpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort())), http);
            long start = System.nanoTime();

            assertThatThrownBy(chain::credentials)
                    .hasMessageContaining("ECS RAM role: The ECS metadata service at 127.0.0.1 did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("does not hang")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void stsEndpointFromTheEnvironment() {
        CredentialsEnvironment env = CredentialsEnvironment.of(vars, home);
        assertThat(StsEndpoints.resolve(env)).hasToString("https://sts.aliyuncs.com/");
        vars.put("ALIBABA_CLOUD_STS_REGION", "cn-hangzhou");
        assertThat(StsEndpoints.resolve(env)).hasToString("https://sts.cn-hangzhou.aliyuncs.com/");
        vars.put("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "true");
        assertThat(StsEndpoints.resolve(env)).hasToString("https://sts-vpc.cn-hangzhou.aliyuncs.com/");
        vars.put("ALIBABA_CLOUD_STS_ENDPOINT", "sts-vpc.cn-beijing.aliyuncs.com");
        assertThat(StsEndpoints.resolve(env)).hasToString("https://sts-vpc.cn-beijing.aliyuncs.com/");
        vars.put("ALIBABA_CLOUD_STS_ENDPOINT", "https://sts.example.com:8443");
        assertThat(StsEndpoints.resolve(env)).hasToString("https://sts.example.com:8443/");
        vars.put("ALIBABA_CLOUD_STS_ENDPOINT", "http://127.0.0.1:9000");
        assertThat(StsEndpoints.resolve(env)).hasToString("http://127.0.0.1:9000/");

        vars.put("ALIBABA_CLOUD_STS_ENDPOINT", "http://sts.example.com");
        assertThatThrownBy(() -> StsEndpoints.resolve(env)).hasMessageContaining("Refusing ALIBABA_CLOUD_STS_ENDPOINT")
                .hasMessageContaining("use https://");
        vars.put("ALIBABA_CLOUD_STS_ENDPOINT", "ftp://sts.example.com");
        assertThatThrownBy(() -> StsEndpoints.resolve(env)).hasMessageContaining("Invalid ALIBABA_CLOUD_STS_ENDPOINT");
        vars.remove("ALIBABA_CLOUD_STS_ENDPOINT");
        vars.put("ALIBABA_CLOUD_STS_REGION", "Hangzhou!");
        assertThatThrownBy(() -> StsEndpoints.resolve(env)).hasMessageContaining("Invalid ALIBABA_CLOUD_STS_REGION");
    }
}
