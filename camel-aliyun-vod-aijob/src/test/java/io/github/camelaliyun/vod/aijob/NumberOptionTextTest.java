package io.github.camelaliyun.vod.aijob;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.main.Main;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every number and duration option, endpoint and component, refuses text that is not a number or a duration and names
 * what was given, where Camel alone would silently bind 0 (wait for ever, no limit). The options come from the
 * component's catalogue JSON, so a new option is covered without touching this test.
 */
class NumberOptionTextTest extends CamelTestSupport {

    private static final String CATALOGUE = "/META-INF/io/github/camelaliyun/vod/aijob/aivod-aijob.json";

    static Stream<Arguments> endpointOptions() throws Exception {
        return numberOptions("properties");
    }

    static Stream<Arguments> componentOptions() throws Exception {
        return numberOptions("componentProperties");
    }

    /** The number options of a section of the catalogue, with their catalogue type (integer, duration, number). */
    private static Stream<Arguments> numberOptions(String section) throws Exception {
        try (InputStream in = NumberOptionTextTest.class.getResourceAsStream(CATALOGUE)) {
            JsonNode properties = new ObjectMapper().readTree(in).get(section);
            List<Arguments> names = new ArrayList<>();
            properties.fields().forEachRemaining(e -> {
                String type = e.getValue().get("type").asText();
                if (type.equals("integer") || type.equals("duration") || type.equals("number")) {
                    names.add(Arguments.of(e.getKey(), type));
                }
            });
            assertThat(names).as(section).hasSizeGreaterThan(10);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("endpointOptions")
    void garbageInAUriFailsAtEndpointCreationNamingIt(String option, String type) {
        List<String> garbage = type.equals("number")
                ? List.of("abc", "1,5", "2x") : List.of("abc", "ten", "1.5", "12abc", "10S");
        for (String text : garbage) {
            assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:garbage?" + option + "=" + text))
                    .as("%s=%s", option, text)
                    .hasStackTraceContaining("Invalid " + option + " '" + text + "'");
        }
    }

    @ParameterizedTest
    @MethodSource("componentOptions")
    void garbageAsAComponentOptionFailsNamingIt(String option, String type) {
        VodAiJobComponent component = context.getComponent("aivod-aijob", VodAiJobComponent.class);

        assertThatThrownBy(() -> PropertyBindingSupport.build().withCamelContext(context).withTarget(component)
                .withConfigurer(component.getComponentPropertyConfigurer()).withReflection(false)
                .withProperties(new java.util.HashMap<>(Map.of(option, "abc"))).bind())
                .as(option).hasStackTraceContaining("Invalid " + option + " 'abc'");
    }

    @Test
    void numbersAndDurationsStillBind() {
        VodAiJobEndpoint endpoint = context.getEndpoint("aivod-aijob:fine?jobTimeout=1h30m&requestTimeout=500ms"
                                                        + "&connectTimeout=2500&healthCheckInterval=1m30s"
                                                        + "&maxRetries=7&maxMessagesPerPoll=0&delay=5s"
                                                        + "&maxRequestsPerSecond=12&retryBackoffMultiplier=1.5",
                VodAiJobEndpoint.class);

        VodAiJobConfiguration conf = endpoint.getConfiguration();
        assertThat(conf.getJobTimeout()).isEqualTo(5_400_000);
        assertThat(conf.getRequestTimeout()).isEqualTo(500);
        assertThat(conf.getConnectTimeout()).isEqualTo(2500);
        assertThat(conf.getHealthCheckInterval()).isEqualTo(90_000);
        assertThat(conf.getMaxRetries()).isEqualTo(7);
        assertThat(conf.getMaxRequestsPerSecond()).isEqualTo(12);
        assertThat(conf.getRetryBackoffMultiplier()).isEqualTo(1.5);
        assertThat(endpoint.getDelay()).isEqualTo(5000);
    }

    @Test
    void garbageInCamelMainPropertiesFailsTheStart() {
        for (Map.Entry<String, String> option : Map.of("job-timeout", "abc", "max-retries", "ten").entrySet()) {
            Properties props = new Properties();
            props.put("camel.component.aivod-aijob." + option.getKey(), option.getValue());
            Main main = new Main();
            main.setOverrideProperties(props);
            try {
                assertThatThrownBy(main::start).as(option.getKey())
                        .hasStackTraceContaining("'" + option.getValue() + "'");
            } finally {
                main.stop();
            }
        }
    }
}
