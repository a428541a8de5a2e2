package io.github.camelaliyun.vod.aijob;

import java.util.List;
import java.util.Properties;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.client.HttpVodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.SignatureAlgorithm;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Component options from properties ({@code camel.component.aivod-aijob.*}) and endpoint options from a YAML route,
 * as Camel Main (and so Camel JBang) users set them.
 */
class CamelMainYamlOptionsTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Test
    void propertiesConfigureTheComponentAndYamlTheEndpoint() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("yaml-job").build());
        Properties props = new Properties();
        props.put("camel.main.routes-include-pattern", "classpath:yaml/options-route.yaml");
        props.put("camel.component.aivod-aijob.endpoint", VOD.emulator().url());
        props.put("camel.component.aivod-aijob.access-key-id", VodEmulator.DEMO_ACCESS_KEY_ID);
        props.put("camel.component.aivod-aijob.secret-key", VodEmulator.DEMO_ACCESS_KEY_SECRET);
        props.put("camel.component.aivod-aijob.connect-timeout", "2s");
        Main main = new Main();
        main.setOverrideProperties(props);
        main.start();
        try {
            VodAiJobEndpoint endpoint = main.getCamelContext().getEndpoints().stream()
                    .filter(VodAiJobEndpoint.class::isInstance).map(VodAiJobEndpoint.class::cast).findFirst()
                    .orElseThrow();

            VodAiJobConfiguration conf = endpoint.getConfiguration();
            assertThat(endpoint.getLabel()).isEqualTo("yaml-lookup");
            assertThat(conf.getEndpoint()).isEqualTo(VOD.emulator().url());
            assertThat(conf.getConnectTimeout()).isEqualTo(2000);
            assertThat(conf.getRequestTimeout()).isEqualTo(3000);
            assertThat(conf.getMaxRetries()).isEqualTo(1);
            HttpVodAiJobClient client = (HttpVodAiJobClient) endpoint.getClient();
            assertThat(client.settings().signatureAlgorithm()).isEqualTo(SignatureAlgorithm.HMAC_SHA1);
            assertThat(client.listAiJobs(List.of("yaml-job")).getJobs()).hasSize(1);
        } finally {
            main.stop();
        }
    }
}
