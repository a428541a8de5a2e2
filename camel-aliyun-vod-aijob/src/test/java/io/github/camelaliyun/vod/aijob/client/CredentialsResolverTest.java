package io.github.camelaliyun.vod.aijob.client;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsResolverTest {

    private final CredentialsResolver resolver = new CredentialsResolver();
    private final CredentialsProvider bean = () -> new AlibabaCloudCredentials("bean-id", "bean-secret", null);
    private final CredentialsProvider chain = () -> new AlibabaCloudCredentials("chain-id", "chain-secret", null);
    private final Supplier<CredentialsProvider> noChain = () -> {
        throw new AssertionError("the default chain must not be asked for");
    };

    @Test
    void keyOptionsWinOverABeanAndTheChain() {
        CredentialsResolver.Resolved resolved = resolver.resolve("opt-id", " opt-secret ", null, bean, noChain);

        assertThat(resolved.provider().credentials().accessKeyId()).isEqualTo("opt-id");
        assertThat(resolved.provider().credentials().accessKeySecret()).isEqualTo("opt-secret");
        assertThat(resolved.account()).as("fixed keys share rate limits by key id").isEqualTo("opt-id");
    }

    @Test
    void aBeanWinsOverTheChainAndIsItsOwnAccount() {
        CredentialsResolver.Resolved resolved = resolver.resolve(null, " ", null, bean, noChain);

        assertThat(resolved.provider()).isSameAs(bean);
        assertThat(resolved.account()).isSameAs(bean);
    }

    @Test
    void theChainWhenNothingIsSet() {
        CredentialsResolver.Resolved resolved = resolver.resolve(null, null, null, null, () -> chain);

        assertThat(resolved.provider()).isSameAs(chain);
        assertThat(resolved.account()).isSameAs(chain);
    }

    @Test
    void incompleteOptionsAreRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> resolver.resolve("only-id", null, null, bean, noChain))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only accessKeyId is set");
        assertThatThrownBy(() -> resolver.resolve(null, null, "a-token", null, noChain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sessionToken is set without accessKeyId and secretKey")
                .hasMessageNotContaining("a-token");
    }

    @Test
    void fixedKeysForAClientBuiltByHandComeFromTheOptionsElseTheEnvironment() {
        CredentialsResolver fromEnv = new CredentialsResolver(java.util.Map.of(
                CredentialsResolver.ENV_ACCESS_KEY_ID, "env-id", CredentialsResolver.ENV_ACCESS_KEY_SECRET, "env-secret",
                CredentialsResolver.ENV_SECURITY_TOKEN, "env-token")::get);

        assertThat(fromEnv.resolve("opt-id", "opt-secret", null).accessKeyId()).isEqualTo("opt-id");
        assertThat(fromEnv.resolve(null, " ", null).securityToken()).isEqualTo("env-token");
        assertThat(fromEnv.environmentHasCredentials()).isTrue();
        assertThatThrownBy(() -> new CredentialsResolver(java.util.Map.<String, String> of()::get).resolve(null, null, null))
                .hasMessageContaining("No Alibaba Cloud credentials found")
                .hasMessageContaining("ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    }

    @Test
    void credentialsThatCannotTravelInAHeaderAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> new AlibabaCloudCredentials("id", "secret\n", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secretKey").hasMessageContaining("position 6")
                .hasMessageNotContaining("secret\n");
        assertThatThrownBy(() -> new AlibabaCloudCredentials("id", "s", "tök"))
                .hasMessageContaining("sessionToken");
    }
}
