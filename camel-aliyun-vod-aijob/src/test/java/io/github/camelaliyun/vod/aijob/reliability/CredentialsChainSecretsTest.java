package io.github.camelaliyun.vod.aijob.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.client.credentials.CredentialsEnvironment;
import io.github.camelaliyun.vod.emulator.CredentialsEmulator;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default credentials chain's own inputs (ALIBABA_CLOUD_ACCESS_KEY_SECRET and the STS token of the environment,
 * the OIDC token file's content, the secrets of {@code ~/.aliyun/config.json} and {@code credentials.ini}, the
 * credentials STS issues) never reach what Camel shows: start-up summary, dumps, JMX, dev consoles. Each provider
 * signs a real call to the emulator, so its inputs were read.
 */
class CredentialsChainSecretsTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private final String secret = "ChAiNsEcReT" + Long.toHexString(new Random().nextLong());
    private final String token = "ChAiNtOkEn" + Long.toHexString(new Random().nextLong());

    @Test
    void environmentKeys(@TempDir Path home) throws Exception {
        VOD.emulator().addStsCredentials("STS.env", secret, token);
        Map<String, String> vars = baseVars();
        vars.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.env");
        vars.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret);
        vars.put("ALIBABA_CLOUD_SECURITY_TOKEN", token);
        assertShowsNone(home, vars, "environment variables", secret, token);
    }

    @Test
    void cliProfileAndCredentialsFile(@TempDir Path home) throws Exception {
        VOD.emulator().addStsCredentials("STS.cli", secret, token);
        Files.createDirectories(home.resolve(".aliyun"));
        Files.writeString(home.resolve(".aliyun").resolve("config.json"), "{\"current\": \"p\", \"profiles\": [{"
                + "\"name\": \"p\", \"mode\": \"StsToken\", \"access_key_id\": \"STS.cli\", \"access_key_secret\": \""
                + secret + "\", \"sts_token\": \"" + token + "\"}]}");
        assertShowsNone(home, baseVars(), "config.json", secret, token);

        String iniSecret = "InIsEcReT" + Long.toHexString(new Random().nextLong());
        VOD.emulator().addCredentials("LTAI-ini", iniSecret);
        Files.delete(home.resolve(".aliyun").resolve("config.json"));
        Files.createDirectories(home.resolve(".alibabacloud"));
        Files.writeString(home.resolve(".alibabacloud").resolve("credentials.ini"), "[default]\nenable = true\n"
                + "type = access_key\naccess_key_id = LTAI-ini\naccess_key_secret = " + iniSecret + "\n");
        assertShowsNone(home, baseVars(), "credentials.ini", iniSecret);
    }

    @Test
    void oidcRole(@TempDir Path home) throws Exception {
        String oidcToken = "OiDcToKeN" + Long.toHexString(new Random().nextLong());
        Path tokenFile = Files.writeString(home.resolve("oidc-token"), oidcToken);
        try (CredentialsEmulator sts = CredentialsEmulator.start().issuesFor(VOD.emulator())
                .lifetime(Duration.ofMinutes(10)).acceptOidcToken(oidcToken)) {
            Map<String, String> vars = baseVars();
            vars.put("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::123456789012:role/vod-jobs");
            vars.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::123456789012:oidc-provider/ack-rrsa");
            vars.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile.toString());
            vars.put("ALIBABA_CLOUD_STS_ENDPOINT", sts.url());
            String shown = assertShowsNone(home, vars, "the OIDC role", oidcToken);
            assertThat(sts.issued()).isNotEmpty();
            for (CredentialsEmulator.Issued issued : sts.issued()) {
                assertThat(shown).doesNotContain(issued.accessKeySecret()).doesNotContain(issued.securityToken());
            }
        }
    }

    private static Map<String, String> baseVars() {
        Map<String, String> vars = new HashMap<>();
        vars.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        return vars;
    }

    /** Runs a call signed by the chain on {@code vars} and {@code home}; returns all that Camel showed. */
    private static String assertShowsNone(Path home, Map<String, String> vars, String provider, String... values)
            throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("chain-job").build());
        Path dir = Files.createTempDirectory(home, "run");
        String routes = "- route:\n    id: chain\n    from:\n      uri: direct:chain\n      steps:\n"
                        + "        - to:\n            uri: \"aivod-aijob:chain?maxRetries=0&endpoint=" + VOD.emulator().url()
                        + "\"\n";
        CamelOutputs.Shown shown = CamelOutputs.run(dir, "", routes, Map.of(), main -> {
            VodAiJobComponent component = new VodAiJobComponent();
            component.useCredentialsEnvironment(CredentialsEnvironment.of(vars, home));
            main.bind("aivod-aijob", component);
        }, camel -> {
            Exchange reply = camel.createProducerTemplate().request("direct:chain",
                    e -> e.getMessage().setBody("chain-job"));
            assertThat(reply.getException()).as("the call signed with " + provider).isNull();
        });
        String all = shown.all();
        assertThat(all).contains("default credentials chain");
        for (String value : values) {
            assertThat(all).as("what Camel shows, credentials from " + provider).doesNotContain(value);
        }
        return all;
    }
}
