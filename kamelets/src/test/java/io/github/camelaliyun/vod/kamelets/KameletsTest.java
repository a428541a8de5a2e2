package io.github.camelaliyun.vod.kamelets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.VodAiJobConstants;
import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two Kamelets as a user runs them: camel-kamelet loads them from classpath:kamelets (this module's jar), the
 * routes are YAML DSL, the service is the VOD emulator over HTTP. The credentials are a key of the test's own whose
 * secret holds characters a URI would change (+ / = &amp;): the emulator checks every signature with it, so a secret
 * mangled on its way through the Kamelet parameters fails the calls.
 */
class KameletsTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final String KEY_ID = "kamelet-key-id";
    private static final String KEY_SECRET = "se+cr/et=1&2";

    /** What a Kamelet without key parameters signs with (autowired: the only one in the registry). */
    @BindToRegistry("vodCredentials")
    final CredentialsProvider credentials = CredentialsProvider.of(new AlibabaCloudCredentials(KEY_ID, KEY_SECRET, null));

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("vod.endpoint", VOD.emulator().url());
        properties.put("vod.access-key-id", KEY_ID);
        properties.put("vod.secret-key", KEY_SECRET);
        return properties;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() throws Exception {
        VOD.emulator().addCredentials(KEY_ID, KEY_SECRET);
        return PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/kamelet-routes.yaml"))
                .iterator().next();
    }

    @Test
    void jobsSubmittedThroughTheSinkArriveThroughTheSourceWhenFinished() throws Exception {
        MockEndpoint finished = getMockEndpoint("mock:finished");
        finished.expectedMessageCount(2);

        List<?> submitted = template.requestBody("direct:submit", "kamelet-video", List.class);

        assertThat(submitted).hasSize(2).allSatisfy(job -> assertThat(job).isInstanceOf(SubmittedAiJob.class));
        finished.assertIsSatisfied(TimeUnit.SECONDS.toMillis(20));
        assertThat(finished.getExchanges()).allSatisfy(exchange -> {
            AiJob job = exchange.getMessage().getBody(AiJob.class);
            assertThat(job.getMediaId()).isEqualTo("kamelet-video");
            assertThat(exchange.getMessage().getHeader(VodAiJobConstants.STATUS)).isEqualTo("SUCCESS");
            assertThat(exchange.getMessage().getBody(String.class)).contains("\"mediaId\":\"kamelet-video\"");
        });
        assertThat(finished.getExchanges()).extracting(exchange -> exchange.getMessage().getBody(AiJob.class).getJobId())
                .containsExactlyInAnyOrderElementsOf(submitted.stream().map(job -> ((SubmittedAiJob) job).jobId()).toList());
        assertThat(VOD.emulator().accessKeyIdsSeen()).containsOnly(KEY_ID);
    }

    @Test
    void theSinkLooksJobsUpFromABodyOfBytes() {
        VOD.emulator().addJob(EmulatedJob.builder("kamelet-job-1").finishAfter(Duration.ZERO).build());

        Exchange reply = template.request("direct:lookup",
                exchange -> exchange.getMessage().setBody("kamelet-job-1, unknown-job".getBytes(StandardCharsets.UTF_8)));

        assertThat(reply.getException()).isNull();
        List<?> jobs = reply.getMessage().getBody(List.class);
        assertThat(jobs).hasSize(1);
        assertThat(((AiJob) jobs.get(0)).getJobId()).isEqualTo("kamelet-job-1");
        assertThat(reply.getMessage().getHeader(VodAiJobConstants.NON_EXISTENT_IDS, List.class)).containsExactly("unknown-job");
    }

    @Test
    void withoutKeyParametersTheSinkSignsWithTheCredentialsProvider() {
        VOD.emulator().addJob(EmulatedJob.builder("kamelet-job-2").finishAfter(Duration.ZERO).build());

        List<?> jobs = template.requestBody("direct:lookup-without-keys", "kamelet-job-2", List.class);

        assertThat(jobs).hasSize(1);
        assertThat(VOD.emulator().accessKeyIdsSeen()).containsOnly(KEY_ID);
    }
}
