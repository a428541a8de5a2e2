package io.github.camelaliyun.vod.aijob;

import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.camelaliyun.vod.aijob.client.HttpVodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.SignatureAlgorithm;
import io.github.camelaliyun.vod.aijob.model.AiJobStatus;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options set in URIs, on the component and through property placeholders, and the errors for wrong values. */
class VodAiJobEndpointOptionsTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties props = new Properties();
        props.put("vod.secret", VodEmulator.DEMO_ACCESS_KEY_SECRET);
        return props;
    }

    @Test
    void uriOptionsReachTheEndpoint() {
        VodAiJobEndpoint endpoint = context.getEndpoint("aivod-aijob:lookup?regionId=cn-beijing"
                                                        + "&signatureAlgorithm=HMAC-SHA1&connectTimeout=5s"
                                                        + "&requestTimeout=2500&maxRetries=5"
                                                        + "&retryBackoffInitialDelay=1s&retryBackoffMaxDelay=1m"
                                                        + "&retryBackoffMultiplier=3",
                VodAiJobEndpoint.class);

        VodAiJobConfiguration conf = endpoint.getConfiguration();
        assertThat(endpoint.getLabel()).isEqualTo("lookup");
        assertThat(conf.getRegionId()).isEqualTo("cn-beijing");
        assertThat(conf.getSignatureAlgorithm()).isEqualTo("HMAC-SHA1");
        assertThat(conf.getConnectTimeout()).isEqualTo(5000);
        assertThat(conf.getRequestTimeout()).isEqualTo(2500);
        assertThat(conf.getMaxRetries()).isEqualTo(5);
        assertThat(conf.getRetryBackoffInitialDelay()).isEqualTo(1000);
        assertThat(conf.getRetryBackoffMaxDelay()).isEqualTo(60_000);
        assertThat(conf.getRetryBackoffMultiplier()).isEqualTo(3.0);
        assertThat(endpoint.getServiceUrl()).isEqualTo("https://vod.cn-beijing.aliyuncs.com/");
    }

    @Test
    void componentOptionsAreDefaultsThatEndpointsOverride() {
        VodAiJobComponent component = context.getComponent("aivod-aijob", VodAiJobComponent.class);
        component.getConfiguration().setRegionId("ap-southeast-1");
        component.getConfiguration().setMaxRetries(7);

        VodAiJobEndpoint inherits = context.getEndpoint("aivod-aijob:a", VodAiJobEndpoint.class);
        VodAiJobEndpoint overrides = context.getEndpoint("aivod-aijob:b?maxRetries=1", VodAiJobEndpoint.class);

        assertThat(inherits.getConfiguration().getRegionId()).isEqualTo("ap-southeast-1");
        assertThat(inherits.getConfiguration().getMaxRetries()).isEqualTo(7);
        assertThat(overrides.getConfiguration().getMaxRetries()).isEqualTo(1);
        assertThat(component.getConfiguration().getMaxRetries()).isEqualTo(7);
    }

    @Test
    void clientFromOptionsAndPlaceholdersListsJobs() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("job-1").build());
        VodAiJobEndpoint endpoint = context.getEndpoint("aivod-aijob:lookup?endpoint=" + VOD.emulator().url()
                                                        + "&accessKeyId=" + VodEmulator.DEMO_ACCESS_KEY_ID
                                                        + "&secretKey={{vod.secret}}",
                VodAiJobEndpoint.class);
        endpoint.start();

        assertThat(endpoint.getClient().listAiJobs(List.of("job-1")).getJobs())
                .singleElement().extracting(j -> j.getStatus()).isEqualTo(AiJobStatus.SUCCESS);
        assertThat(endpoint.getClient()).isInstanceOf(HttpVodAiJobClient.class);
        assertThat(((HttpVodAiJobClient) endpoint.getClient()).settings().signatureAlgorithm())
                .isEqualTo(SignatureAlgorithm.ACS3_HMAC_SHA256);
    }

    @Test
    void endpointsShareTheComponentsConnectionPoolWhichClosesWithTheComponent() throws Exception {
        String options = "?endpoint=" + VOD.emulator().url() + "&accessKeyId=" + VodEmulator.DEMO_ACCESS_KEY_ID
                         + "&secretKey=" + VodEmulator.DEMO_ACCESS_KEY_SECRET;
        VodAiJobEndpoint a = context.getEndpoint("aivod-aijob:a" + options, VodAiJobEndpoint.class);
        VodAiJobEndpoint b = context.getEndpoint("aivod-aijob:b" + options, VodAiJobEndpoint.class);
        a.start();
        b.start();
        a.getClient().listAiJobs(List.of("x"));
        b.getClient().listAiJobs(List.of("y"));
        assertThat(ioThreads()).isNotEmpty();
        // thread names are aivod-aijob-<kind>-<transport>-<n>: one transport serves both endpoints
        long transports = ioThreads().stream().map(n -> n.replaceAll("aivod-aijob-\\w+-(\\d+)-\\d+", "$1"))
                .distinct().count();
        assertThat(transports).isEqualTo(1);

        context.stop();

        assertThat(ioThreads()).isEmpty();
    }

    @Test
    void secretsStayOutOfTheEndpointAsCamelShowsIt() {
        VodAiJobEndpoint endpoint = context.getEndpoint("aivod-aijob:lookup?accessKeyId=id-1"
                                                        + "&secretKey=very-secret-1&sessionToken=token-secret-2",
                VodAiJobEndpoint.class);

        assertThat(endpoint.toString()).doesNotContain("very-secret-1", "token-secret-2");
        assertThat(endpoint.getEndpointBaseUri()).doesNotContain("very-secret-1");
        assertThat(org.apache.camel.util.URISupport.sanitizeUri(endpoint.getEndpointUri()))
                .doesNotContain("very-secret-1", "token-secret-2");
        assertThat(endpoint.getConfiguration().toString()).doesNotContain("very-secret-1", "token-secret-2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "regionId=Shanghai | Invalid regionId 'Shanghai': a region id looks like cn-shanghai",
            "regionId=cn-hangzhou | regionId 'cn-hangzhou' does not offer the VOD AI job API: use one of cn-beijing, cn-shanghai, ap-southeast-1, or set the endpoint option",
            "requestTimeout=-1 | Invalid requestTimeout -1: must be more than 0 milliseconds",
            "connectTimeout=0 | Invalid connectTimeout 0: must be more than 0 milliseconds",
            "signatureAlgorithm=HMAC-MD5 | Unknown signatureAlgorithm 'HMAC-MD5': use one of ACS3-HMAC-SHA256, HMAC-SHA1",
            "endpoint=ftp://example.com | Invalid endpoint 'ftp://example.com': expected an http or https URL",
            "maxRetries=-2 | Invalid maxRetries -2: allowed 0 to 20",
            "retryBackoffMultiplier=0.5 | Invalid retryBackoffMultiplier 0.5: must be 1.0 or more",
            "retryBackoffInitialDelay=5000&retryBackoffMaxDelay=100 | Invalid retryBackoffMaxDelay 100: must be at least retryBackoffInitialDelay (5000 ms)",
            "unknownOption=1 | unknownOption" })
    void wrongOptionValuesFailAtEndpointCreation(String query, String expected) {
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:bad?" + query))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void regionOutsideTheAiJobRegionsIsFineWithAnExplicitEndpoint() {
        VodAiJobEndpoint endpoint = context.getEndpoint(
                "aivod-aijob:vpc?regionId=cn-hangzhou&endpoint=https://vod-vpc.cn-hangzhou.aliyuncs.com",
                VodAiJobEndpoint.class);

        assertThat(endpoint.getServiceUrl()).isEqualTo("https://vod-vpc.cn-hangzhou.aliyuncs.com");
    }

    @Test
    void missingLabelSaysWhatTheUriLooksLike() {
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:?maxRetries=1"))
                .hasStackTraceContaining("Missing label in aivod-aijob URI: use aivod-aijob:<label>[?options]");
    }

    @Test
    void missingCredentialsFailWhenTheRouteStarts() throws Exception {
        CamelContext camel = new org.apache.camel.impl.DefaultCamelContext();
        // an environment with nothing in it, and no metadata service: the whole default chain finds nothing
        camel.getComponent("aivod-aijob", VodAiJobComponent.class).useCredentialsEnvironment(
                io.github.camelaliyun.vod.aijob.client.credentials.CredentialsEnvironment.of(
                        java.util.Map.of("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
                        java.nio.file.Path.of("target", "no-home")));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("aivod-aijob:lookup?endpoint=" + VOD.emulator().url());
            }
        });

        assertThatThrownBy(camel::start).isInstanceOf(FailedToStartRouteException.class)
                .hasStackTraceContaining("aivod-aijob:lookup (operation listAiJobs) has no credentials:"
                                         + " No Alibaba Cloud credentials found")
                .hasStackTraceContaining("ALIBABA_CLOUD_ACCESS_KEY_ID");
        camel.close();
    }

    private static List<String> ioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("aivod-aijob-")).toList();
    }
}
