package io.github.camelaliyun.vod.aijob.client;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsResolverTest {

    @Test
    void explicitOptionsWinOverTheEnvironment() {
        CredentialsResolver resolver = new CredentialsResolver(Map.of(
                CredentialsResolver.ENV_ACCESS_KEY_ID, "env-id", CredentialsResolver.ENV_ACCESS_KEY_SECRET, "env-secret")::get);

        AlibabaCloudCredentials credentials = resolver.resolve("opt-id", "opt-secret", null);

        assertThat(credentials.accessKeyId()).isEqualTo("opt-id");
        assertThat(credentials.accessKeySecret()).isEqualTo("opt-secret");
        assertThat(credentials.securityToken()).isNull();
    }

    @Test
    void environmentIsTheFallbackWithItsToken() {
        CredentialsResolver resolver = new CredentialsResolver(Map.of(
                CredentialsResolver.ENV_ACCESS_KEY_ID, "env-id", CredentialsResolver.ENV_ACCESS_KEY_SECRET, "env-secret",
                CredentialsResolver.ENV_SECURITY_TOKEN, "env-token")::get);

        AlibabaCloudCredentials credentials = resolver.resolve(null, " ", null);

        assertThat(credentials.accessKeyId()).isEqualTo("env-id");
        assertThat(credentials.securityToken()).isEqualTo("env-token");
        assertThat(credentials.toString()).contains("env-id").doesNotContain("env-secret", "env-token");
    }

    @Test
    void missingCredentialsNameBothWaysToSetThem() {
        CredentialsResolver resolver = new CredentialsResolver(Map.<String, String> of()::get);

        assertThatThrownBy(() -> resolver.resolve(null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accessKeyId and accessKeySecret")
                .hasMessageContaining("ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        assertThatThrownBy(() -> resolver.resolve("only-id", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only accessKeyId is set");
    }

    @Test
    void credentialsThatCannotTravelInAHeaderAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> new AlibabaCloudCredentials("id", "secret\n", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accessKeySecret").hasMessageContaining("position 6")
                .hasMessageNotContaining("secret\n");
        assertThatThrownBy(() -> new AlibabaCloudCredentials("id", "s", "tök"))
                .hasMessageContaining("securityToken");
    }
}
