package io.github.camelaliyun.vod.aijob.client.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The CLI's {@code ~/.aliyun/config.json} and the SDKs' {@code credentials.ini}: each mode, and each bad input. */
class ProfileFilesTest {

    private static VodHttpTransport transport;
    private static HttpFetcher http;
    private CredentialsEmulator sts;
    private final Map<String, String> vars = new HashMap<>();
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
    void start() {
        sts = CredentialsEmulator.start().addRamUser("LTAI-user", "user-secret");
        vars.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        vars.put("ALIBABA_CLOUD_STS_ENDPOINT", sts.url());
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private DefaultCredentialsChain chain() {
        return new DefaultCredentialsChain(CredentialsEnvironment.of(vars, home).withEcsMetadataEndpoint(sts.uri()),
                http);
    }

    private Path config(String json) throws IOException {
        Files.createDirectories(home.resolve(".aliyun"));
        return Files.writeString(home.resolve(".aliyun").resolve("config.json"), json);
    }

    private Path ini(String text) throws IOException {
        Files.createDirectories(home.resolve(".alibabacloud"));
        return Files.writeString(home.resolve(".alibabacloud").resolve("credentials.ini"), text);
    }

    private static final String PROFILES = """
            {"current": "ak", "profiles": [
              {"name": "ak", "mode": "AK", "access_key_id": "LTAI-ak", "access_key_secret": "ak-secret"},
              {"name": "sts", "mode": "StsToken", "access_key_id": "STS.x", "access_key_secret": "s", "sts_token": "t"},
              {"name": "role", "mode": "RamRoleArn", "access_key_id": "LTAI-user", "access_key_secret": "user-secret",
               "ram_role_arn": "acs:ram::1:role/a", "expired_seconds": 0},
              {"name": "chained", "mode": "ChainableRamRoleArn", "source_profile": "role",
               "ram_role_arn": "acs:ram::1:role/b", "ram_session_name": "chained-session"},
              {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "emulator-ecs-role"},
              {"name": "oidc", "mode": "OIDC", "ram_role_arn": "acs:ram::1:role/c",
               "oidc_provider_arn": "acs:ram::1:oidc-provider/p", "oidc_token_file": "%s"},
              {"name": "sso", "mode": "CloudSSO"},
              {"name": "loop-a", "mode": "ChainableRamRoleArn", "source_profile": "loop-b", "ram_role_arn": "acs:ram::1:role/a"},
              {"name": "loop-b", "mode": "ChainableRamRoleArn", "source_profile": "loop-a", "ram_role_arn": "acs:ram::1:role/a"},
              {"name": "wrong", "mode": "RamRoleArn", "access_key_id": "LTAI-user", "access_key_secret": "not-the-secret",
               "ram_role_arn": "acs:ram::1:role/a"},
              {"name": "short", "mode": "RamRoleArn", "access_key_id": "LTAI-user", "access_key_secret": "user-secret",
               "ram_role_arn": "acs:ram::1:role/a", "expired_seconds": 60}
            ]}""";

    private AlibabaCloudCredentials profile(String name) {
        vars.put("ALIBABA_CLOUD_PROFILE", name);
        return chain().credentials();
    }

    @Test
    void everySupportedModeOfTheCliConfig() throws IOException {
        Path token = Files.writeString(home.resolve("token"), "oidc-token");
        sts.acceptOidcToken("oidc-token");
        config(PROFILES.formatted(token.toString().replace("\\", "\\\\")));

        DefaultCredentialsChain current = chain();
        assertThat(current.credentials().accessKeyId()).as("the file's current profile").isEqualTo("LTAI-ak");
        assertThat(current.providerName()).isEqualTo("CLI profile 'ak' (AK)");
        assertThat(profile("sts").securityToken()).isEqualTo("t");
        assertThat(profile("role").accessKeyId()).isEqualTo(sts.issued().get(0).accessKeyId());
        assertThat(profile("chained").accessKeyId()).as("AssumeRole signed by the role's own credentials")
                .isEqualTo(sts.issued().get(2).accessKeyId());
        assertThat(profile("ecs").accessKeyId()).isEqualTo(sts.issued().get(3).accessKeyId());
        assertThat(profile("oidc").accessKeyId()).isEqualTo(sts.issued().get(4).accessKeyId());
    }

    @Test
    void badCliConfigsAreRefusedNamingTheFileAndTheProfile() throws IOException {
        Path file = config(PROFILES.formatted("/nowhere/token"));

        assertThatThrownBy(() -> profile("sso")).hasMessageContaining("CLI profile: The profile 'sso' of " + file
                                                                      + " has mode 'CloudSSO', which this component"
                                                                      + " does not support");
        assertThatThrownBy(() -> profile("missing")).hasMessageContaining(file + " has no profile named 'missing'");
        assertThatThrownBy(() -> profile("loop-a")).hasMessageContaining("loop of source_profile references");
        assertThatThrownBy(() -> profile("oidc")).hasMessageContaining("Cannot read the OIDC token file /nowhere/token");
        assertThatThrownBy(() -> profile("short")).hasMessageContaining("expired_seconds of the profile 'short'")
                .hasMessageContaining("900 seconds at least");
        assertThatThrownBy(() -> profile("wrong"))
                .hasMessageContaining("STS AssumeRole answered HTTP 400 SignatureDoesNotMatch")
                .hasMessageContaining("RequestId ")
                .hasMessageNotContaining("not-the-secret");

        config("{\"current\": \"ak\", \"profiles\": [ {\"name\": \"ak\", \"access_key_secret\": \"leaky-secret\" ");
        vars.remove("ALIBABA_CLOUD_PROFILE");
        assertThatThrownBy(() -> chain().credentials()).hasMessageContaining(file + " is not valid JSON (line 1")
                .hasMessageNotContaining("leaky-secret");
        config("[1, 2]");
        assertThatThrownBy(() -> chain().credentials()).hasMessageContaining("has no \"profiles\" array");
    }

    @Test
    void credentialsIniIsUsedOnlyWhenEnabled() throws IOException {
        Path file = ini("""
                [default]
                enable = false
                type = access_key
                access_key_id = LTAI-ini
                access_key_secret = ini-secret

                [project]
                enable = true
                type = access_key
                access_key_id = LTAI-project
                access_key_secret = "project-secret"

                [role]
                enable = true
                type = ram_role_arn
                access_key_id = LTAI-user
                access_key_secret = user-secret
                role_arn = acs:ram::1:role/a
                role_session_name = ini-session

                [ecs]
                enable = true
                type = ecs_ram_role
                role_name = emulator-ecs-role

                [rsa]
                enable = true
                type = rsa_key_pair
                """);

        assertThatThrownBy(() -> chain().credentials())
                .hasMessageContaining("credentials file: the section [default] of " + file
                                      + " is not enabled (enable = true)");
        assertThat(profile("project").accessKeySecret()).isEqualTo("project-secret");
        assertThat(profile("role").accessKeyId()).isEqualTo(sts.issued().get(0).accessKeyId());
        assertThat(profile("ecs").accessKeyId()).isEqualTo(sts.issued().get(1).accessKeyId());
        assertThatThrownBy(() -> profile("rsa")).hasMessageContaining("has type 'rsa_key_pair', which this component"
                                                                      + " does not support");
        assertThatThrownBy(() -> profile("absent")).hasMessageContaining(file + " has no section [absent]");

        vars.put("ALIBABA_CLOUD_CREDENTIALS_FILE", home.resolve("elsewhere.ini").toString());
        assertThatThrownBy(() -> chain().credentials())
                .hasMessageContaining("ALIBABA_CLOUD_CREDENTIALS_FILE names " + home.resolve("elsewhere.ini")
                                      + ", which is not a file");
    }

    @Test
    void aProfileComesAfterTheEnvironmentAndTheOidcRole() throws IOException {
        config(PROFILES.formatted("/nowhere"));
        vars.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-env");
        vars.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");

        assertThat(chain().credentials().accessKeyId()).isEqualTo("LTAI-env");
    }
}
