package io.github.camelaliyun.vod.aijob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;
import io.github.camelaliyun.vod.aijob.client.HttpVodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.RetryPolicy;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClientSettings;
import io.github.camelaliyun.vod.aijob.client.VodAiJobException;
import io.github.camelaliyun.vod.aijob.client.credentials.CredentialsEnvironment;
import io.github.camelaliyun.vod.aijob.client.credentials.CredentialsSource;
import io.github.camelaliyun.vod.aijob.client.credentials.RefreshingCredentialsProvider;
import io.github.camelaliyun.vod.aijob.model.ListAiJobsResult;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.CredentialsEmulator;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Routes with no credentials options, on temporary credentials that live about two seconds: calls go on across
 * several refreshes without a failure, and the VOD emulator sees each new key and token as soon as it is issued.
 */
class RotatingCredentialsTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private CredentialsEmulator sts;
    private final Map<String, String> vars = new HashMap<>();
    @TempDir
    Path home;

    @BeforeEach
    void startSts() {
        sts = CredentialsEmulator.start().issuesFor(VOD.emulator()).lifetime(Duration.ofSeconds(2));
        VOD.emulator().addJob(EmulatedJob.builder("job-1").build());
    }

    @AfterEach
    void stopSts() {
        sts.close();
    }

    private CamelContext camel() {
        CamelContext camel = new DefaultCamelContext();
        camel.getComponent("aivod-aijob", VodAiJobComponent.class).useCredentialsEnvironment(
                CredentialsEnvironment.of(vars, home).withEcsMetadataEndpoint(sts.uri()));
        return camel;
    }

    /** Looks job-1 up every 50 ms for the given time; every call must succeed, none is retried. */
    private static void keepCalling(CamelContext camel, String uri, Duration during, Runnable halfway) {
        ProducerTemplate template = camel.createProducerTemplate();
        long end = System.nanoTime() + during.toNanos();
        long half = System.nanoTime() + during.toNanos() / 2;
        List<Exception> failures = new ArrayList<>();
        int calls = 0;
        while (System.nanoTime() < end) {
            if (halfway != null && System.nanoTime() > half) {
                halfway.run();
                halfway = null;
            }
            Exchange exchange = template.request(uri, e -> e.getMessage().setBody("job-1"));
            calls++;
            if (exchange.getException() != null) {
                failures.add(exchange.getException());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(failures).as("failed calls out of " + calls).isEmpty();
    }

    private List<String> stsKeysSeenByVod() {
        return VOD.emulator().accessKeyIdsSeen().stream().filter(id -> id.startsWith("STS.emulator.")).toList();
    }

    @Test
    void oidcRoleCredentialsAreRefreshedAndTheRotatedTokenFileIsReadAgain() throws Exception {
        sts.acceptOidcToken("oidc-token-1").acceptOidcToken("oidc-token-2");
        Path tokenFile = Files.writeString(home.resolve("oidc-token"), "oidc-token-1");
        vars.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        vars.put("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::123456789012:role/vod-jobs");
        vars.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::123456789012:oidc-provider/ack-rrsa");
        vars.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile.toString());
        vars.put("ALIBABA_CLOUD_STS_ENDPOINT", sts.url());

        try (CamelContext camel = camel()) {
            camel.start();
            keepCalling(camel, "aivod-aijob:rotating?maxRetries=0&endpoint=" + VOD.emulator().url(),
                    Duration.ofSeconds(5), () -> {
                        try {
                            Files.writeString(tokenFile, "oidc-token-2");
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }

        assertThat(sts.issued()).as("several refreshes").hasSizeGreaterThanOrEqualTo(4);
        assertThat(stsKeysSeenByVod()).as("the emulator saw each issued key but perhaps the last")
                .containsAll(sts.issuedAccessKeyIds().subList(0, sts.issued().size() - 1));
        assertThat(sts.oidcTokensSeen()).startsWith("oidc-token-1").contains("oidc-token-2");
        assertThat(sts.oidcTokensSeen().get(sts.oidcTokensSeen().size() - 1)).isEqualTo("oidc-token-2");
    }

    @Test
    void ecsRamRoleCredentialsAreRefreshedWithRpcSignatures() throws Exception {
        try (CamelContext camel = camel()) {
            camel.start();
            keepCalling(camel, "aivod-aijob:ecs?maxRetries=0&signatureAlgorithm=HMAC-SHA1&endpoint="
                               + VOD.emulator().url(),
                    Duration.ofSeconds(4), null);
        }

        assertThat(sts.issued()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(stsKeysSeenByVod()).containsAll(sts.issuedAccessKeyIds().subList(0, sts.issued().size() - 1));
        assertThat(sts.imdsV1Calls()).as("IMDSv2 throughout").isZero();
        int issuedAtStop = sts.issued().size();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(Thread::isAlive).extracting(Thread::getName)
                .as("no thread of the component or its chain outlives the context")
                .noneMatch(name -> name.startsWith("aivod-aijob-")));
        Thread.sleep(2500); // longer than the credentials live: nothing refreshes them any more
        assertThat(sts.issued()).hasSize(issuedAtStop);
    }

    @Test
    void cliProfileRamRoleArnIsAssumedWithASignedAssumeRole() throws Exception {
        sts.addRamUser("LTAI-profile-user", "profile-user-secret");
        vars.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        vars.put("ALIBABA_CLOUD_STS_ENDPOINT", sts.url());
        Files.createDirectories(home.resolve(".aliyun"));
        Files.writeString(home.resolve(".aliyun").resolve("config.json"), """
                {"current": "jobs", "profiles": [
                  {"name": "jobs", "mode": "RamRoleArn", "access_key_id": "LTAI-profile-user",
                   "access_key_secret": "profile-user-secret", "ram_role_arn": "acs:ram::123456789012:role/vod-jobs",
                   "ram_session_name": "camel-test", "expired_seconds": 900}
                ]}""");

        try (CamelContext camel = camel()) {
            camel.start();
            keepCalling(camel, "aivod-aijob:profile?maxRetries=0&endpoint=" + VOD.emulator().url(),
                    Duration.ofSeconds(3), null);
        }

        assertThat(sts.issued()).hasSizeGreaterThanOrEqualTo(2).allMatch(i -> i.via().equals("AssumeRole"));
        assertThat(stsKeysSeenByVod()).containsAll(sts.issuedAccessKeyIds().subList(0, sts.issued().size() - 1));
    }

    @Test
    void theEmulatorRefusesExpiredTemporaryCredentialsAsTheServiceDoes() throws Exception {
        sts.lifetime(Duration.ofSeconds(1));
        vars.put("ALIBABA_CLOUD_IMDSV1_DISABLED", "true");
        // a provider that never refreshes: the key it got once, kept past its expiry
        CamelContext unused = camel();
        CredentialsEmulator.Issued issued;
        try (CamelContext camel = unused) {
            camel.start();
            camel.createProducerTemplate().request("aivod-aijob:once?maxRetries=0&endpoint=" + VOD.emulator().url(),
                    e -> e.getMessage().setBody("job-1"));
            issued = sts.issued().get(0);
        }
        AlibabaCloudCredentials kept = new AlibabaCloudCredentials(issued.accessKeyId(), issued.accessKeySecret(),
                issued.securityToken());
        try (HttpVodAiJobClient client = HttpVodAiJobClient.create(VodAiJobClientSettings.builder()
                .endpoint(VOD.emulator().uri()).credentialsProvider(CredentialsProvider.of(kept))
                .retryPolicy(new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), 1.0)).build())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                try {
                    client.listAiJobs(List.of("job-1"));
                    return false;
                } catch (VodAiJobException e) {
                    return true;
                }
            });
            assertThatThrownBy(() -> client.listAiJobs(List.of("job-1"))).isInstanceOf(VodAiJobException.class)
                    .satisfies(e -> assertThat(((VodAiJobException) e).getErrorCode())
                            .isEqualTo("InvalidSecurityToken.Expired"));
        }
    }

    @Test
    void aCallWaitsForCredentialsBeingFetchedWithoutHoldingAThread() throws Exception {
        CompletableFuture<AlibabaCloudCredentials> fetch = new CompletableFuture<>();
        RefreshingCredentialsProvider slow = new RefreshingCredentialsProvider(new CredentialsSource() {
            @Override
            public String name() {
                return "a slow source";
            }

            @Override
            public CompletableFuture<AlibabaCloudCredentials> fetch() {
                return fetch;
            }
        });
        try (HttpVodAiJobClient client = HttpVodAiJobClient.create(VodAiJobClientSettings.builder()
                .endpoint(VOD.emulator().uri()).credentialsProvider(slow).build())) {
            CompletableFuture<ListAiJobsResult> call = client.listAiJobsAsync(List.of("job-1"));
            assertThat(call).as("returned at once, waiting for the credentials").isNotDone();

            fetch.complete(new AlibabaCloudCredentials(VodEmulator.DEMO_ACCESS_KEY_ID,
                    VodEmulator.DEMO_ACCESS_KEY_SECRET, null));
            assertThat(call.get(10, TimeUnit.SECONDS).getJobs()).hasSize(1);
        }
    }

    @Test
    void aCredentialsProviderBeanIsAutowiredAndKeyOptionsStillWin() throws Exception {
        VOD.emulator().addCredentials("bean-key", "bean-secret");
        List<String> asked = new ArrayList<>();
        CredentialsProvider bean = () -> {
            asked.add("asked");
            return new AlibabaCloudCredentials("bean-key", "bean-secret", null);
        };
        vars.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        try (CamelContext camel = camel()) {
            camel.getRegistry().bind("myCredentials", CredentialsProvider.class, bean);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            Exchange viaBean = template.request("aivod-aijob:bean?endpoint=" + VOD.emulator().url(),
                    e -> e.getMessage().setBody("job-1"));
            assertThat(viaBean.getException()).isNull();
            assertThat(asked).isNotEmpty();
            asked.clear();
            Exchange viaKeys = template.request("aivod-aijob:keys?endpoint=" + VOD.emulator().url()
                                                + "&accessKeyId=" + "emulator-access-key-id"
                                                + "&secretKey=emulator-access-key-secret",
                    e -> e.getMessage().setBody("job-1"));
            assertThat(viaKeys.getException()).isNull();
            assertThat(asked).as("explicit keys win over the bean").isEmpty();
        }
        assertThat(VOD.emulator().accessKeyIdsSeen()).containsExactly("bean-key", "emulator-access-key-id");
    }
}
