package io.github.camelaliyun.vod.kamelets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.VodAiJobEndpoint;
import io.github.camelaliyun.vod.aijob.VodAiJobEndpointConfigurer;
import io.github.camelaliyun.vod.aijob.reliability.CamelOutputs;
import io.github.camelaliyun.vod.aijob.reliability.SecretOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelets' secret parameters, given as the docs advise ({@code secretKey: "#property:vod.secret-key"}): Camel
 * Main's Property-placeholders summary lists each Kamelet parameter, masked by name, and neither it nor the route
 * dumps, JMX or the dev consoles show a value. Every secret option of the component JSON is passed to both Kamelets;
 * those a Kamelet declares must reach its endpoint.
 */
class KameletSecretsTest {

    @Test
    void noKameletParameterShowsASecret(@TempDir Path dir) throws Exception {
        SecretOptions secrets = SecretOptions.fresh("Kam");
        StringBuilder properties = new StringBuilder();
        secrets.values().forEach((name, value) -> properties.append("vod.").append(SecretOptions.dashed(name))
                .append(" = ").append(value).append('\n'));
        StringBuilder parameters = new StringBuilder("label: kamelet-secrets\naccessKeyId: LTAI-kamelet\n"
                                                     + "endpoint: \"http://127.0.0.1:9\"\n");
        secrets.values().keySet().forEach(name -> parameters.append(name).append(": \"#property:vod.")
                .append(SecretOptions.dashed(name)).append("\"\n"));
        String routes = "- route:\n    id: through-sink\n    from:\n      uri: direct:sink\n      steps:\n"
                        + "        - to:\n            uri: kamelet:aliyun-vod-aijob-sink\n            parameters:\n"
                        + indent(parameters, "              ")
                        + "- route:\n    id: from-source\n    from:\n      uri: kamelet:aliyun-vod-aijob-source\n"
                        + "      parameters:\n" + indent(parameters, "        ") + "        delay: 60000\n"
                        + "      steps:\n        - to:\n            uri: log:finished\n";
        List<String> declared = secrets.values().keySet().stream().filter(KameletSecretsTest::declaredBySink).toList();
        assertThat(declared).as("the secret options the sink declares").isNotEmpty();

        CamelOutputs.Shown shown = CamelOutputs.run(dir, properties.toString(), routes, Map.of(),
                camel -> assertForwarded(camel, secrets, declared));

        for (String name : declared) {
            // one line per parameter name (the last Kamelet to look it up names the location)
            assertThat(shown.log()).containsPattern("kamelet.yaml\\]\\s+" + name + " = xxxxxx");
        }
        assertThat(shown.consoles()).contains("== route-dump JSON", "aivod-aijob://kamelet-secrets?");
        secrets.assertNoneIn("what Camel shows of the Kamelets", shown.all());
    }

    private static boolean declaredBySink(String option) {
        try (InputStream in = KameletSecretsTest.class.getResourceAsStream("/kamelets/aliyun-vod-aijob-sink.kamelet.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\n      " + option + ":\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The endpoints the Kamelets made got the values of the options they declare. */
    private static void assertForwarded(CamelContext camel, SecretOptions secrets, List<String> declared) {
        List<VodAiJobEndpoint> endpoints = camel.getEndpoints().stream().filter(VodAiJobEndpoint.class::isInstance)
                .map(VodAiJobEndpoint.class::cast).toList();
        assertThat(endpoints).hasSize(2);
        for (VodAiJobEndpoint endpoint : endpoints) {
            for (String name : declared) {
                assertThat(new VodAiJobEndpointConfigurer().getOptionValue(endpoint, name, false))
                        .as("%s of %s", name, endpoint).isEqualTo(secrets.value(name));
            }
        }
    }

    private static String indent(CharSequence lines, String indent) {
        return lines.toString().lines().map(line -> indent + line + "\n").reduce("", String::concat);
    }
}
