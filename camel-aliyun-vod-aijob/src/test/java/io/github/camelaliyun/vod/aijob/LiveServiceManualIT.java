package io.github.camelaliyun.vod.aijob;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.github.camelaliyun.vod.aijob.model.AiJob;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the real ApsaraVideo VOD, and only when credentials are set: {@code ALIBABA_CLOUD_ACCESS_KEY_ID},
 * {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}, optionally {@code ALIBABA_CLOUD_REGION_ID} and {@code VOD_AI_JOB_IDS} (job
 * ids of your account). Looking jobs up is free and changes nothing. Run by hand:
 * {@code ./mvnw -pl camel-aliyun-vod-aijob -am test -Dtest=LiveServiceManualIT -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfEnvironmentVariable(named = "ALIBABA_CLOUD_ACCESS_KEY_ID", matches = ".+")
class LiveServiceManualIT extends CamelTestSupport {

    private static final String REGION = System.getenv().getOrDefault("ALIBABA_CLOUD_REGION_ID", "cn-shanghai");

    @Test
    void bothSignaturesAreAcceptedAndUnknownIdsAreReportedAsSuch() {
        for (String algorithm : List.of("ACS3-HMAC-SHA256", "HMAC-SHA1")) {
            Exchange out = template.request("aivod-aijob:live?regionId=" + REGION + "&signatureAlgorithm=" + algorithm,
                    e -> e.getMessage().setBody("aivod-aijob-manual-it-no-such-job"));

            assertThat(out.getException()).as(algorithm).isNull();
            assertThat(out.getMessage().getHeader(VodAiJobConstants.NON_EXISTENT_IDS, List.class))
                    .containsExactly("aivod-aijob-manual-it-no-such-job");
            assertThat(out.getMessage().getHeader(VodAiJobConstants.REQUEST_IDS, List.class)).hasSize(1);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "VOD_AI_JOB_IDS", matches = ".+")
    void yourJobsComeBackTyped() {
        List<String> ids = Arrays.stream(System.getenv("VOD_AI_JOB_IDS").split(",")).map(String::trim).toList();

        List<AiJob> jobs = template.requestBody("aivod-aijob:live?regionId=" + REGION, ids, List.class);

        assertThat(jobs).isNotEmpty().allSatisfy(job -> {
            assertThat(ids).contains(job.getJobId());
            assertThat(job.getType()).isNotBlank();
            assertThat(job.getCreationTime()).isNotNull();
        });
    }
}
