package io.github.camelaliyun.vod.aijob.reliability;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.VodAiJobEndpoint;
import io.github.camelaliyun.vod.aijob.VodAiJobEndpointConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel's route dumps ({@code camel.main.dump-routes}, the JMX operations {@code dumpRoutesAsXml/AsYaml}) print the
 * routes as written with their property placeholders resolved, and mask nothing. A secret written as
 * {@code #property:name}, which Camel looks up only when it creates the endpoint, shows there as the reference; the
 * endpoint URIs of JMX are masked by option name. A control route written with {@code RAW({{name}})} proves the dumps
 * (and the route-dump and endpoint dev consoles) do show what a URI holds, which is why the docs advise
 * {@code #property:}.
 */
class RouteDumpSecretsTest {

    @Test
    void dumpsAndJmxShowNoSecretWrittenAsAPropertyReference(@TempDir Path dir) throws Exception {
        SecretOptions advised = SecretOptions.fresh("Ref");
        SecretOptions control = SecretOptions.fresh("Raw");
        String properties = "camel.component.aivod-aijob.access-key-id = LTAI-dump\n" + properties("vod", advised)
                            + properties("ctl", control);
        StringBuilder routes = new StringBuilder();
        routes.append(route("advised-params", advised, name -> "\"#property:vod." + name + "\""));
        routes.append("- route:\n    id: advised-uri\n    from:\n      uri: direct:advised-uri\n      steps:\n")
                .append("        - to:\n            uri: \"aivod-aijob:advised-uri?")
                .append(advised.query(name -> "#property:vod." + SecretOptions.dashed(name))).append("\"\n");
        routes.append(route("control", control, name -> "\"RAW({{ctl." + name + "}})\""));

        CamelOutputs.Shown shown = CamelOutputs.run(dir, properties, routes.toString(), Map.of(), camel -> {
            assertBound(camel, "advised-params", advised);
            assertBound(camel, "advised-uri", advised);
        });

        assertThat(shown.log()).contains("Dumping 3 routes as XML", "Dumping 3 routes as YAML",
                "secretKey=#property:vod.secret-key");
        assertThat(shown.jmx()).contains("secretKey=#property:vod.secret-key", "aivod-aijob://advised-uri?");
        assertThat(control.shownIn(shown.log())).as("the control route's secrets, resolved by the start-up dump")
                .containsExactlyElementsOf(control.values().keySet());
        assertThat(control.shownIn(shown.jmx())).as("the control route's secrets, resolved by the JMX dumps")
                .containsExactlyElementsOf(control.values().keySet());
        // the route-dump console resolves them too, and the endpoint console's JSON shows endpoint URIs unmasked
        assertThat(control.shownIn(shown.consoles())).as("the control route's secrets, in the dev consoles")
                .containsExactlyElementsOf(control.values().keySet());
        advised.assertNoneIn("route dumps, JMX and the dev consoles", shown.all());
    }

    static String properties(String prefix, SecretOptions secrets) {
        StringBuilder properties = new StringBuilder();
        secrets.values().forEach((name, value) -> properties.append(prefix).append('.')
                .append(SecretOptions.dashed(name)).append(" = ").append(value).append('\n'));
        return properties.toString();
    }

    /** The endpoint labelled {@code label} got the secrets: Camel resolved each {@code #property:} reference. */
    static void assertBound(CamelContext camel, String label, SecretOptions secrets) {
        VodAiJobEndpoint endpoint = camel.getEndpoints().stream().filter(VodAiJobEndpoint.class::isInstance)
                .map(VodAiJobEndpoint.class::cast).filter(e -> e.getLabel().equals(label)).findFirst().orElseThrow();
        secrets.values().forEach((name, value) -> assertThat(
                new VodAiJobEndpointConfigurer().getOptionValue(endpoint, name, false))
                .as("%s of %s", name, label).isEqualTo(value));
    }

    /** A route to {@code aivod-aijob:<id>} with every secret option as a parameter, valued from its dashed name. */
    private static String route(String id, SecretOptions secrets, Function<String, String> valueOfDashed) {
        StringBuilder yaml = new StringBuilder("- route:\n    id: ").append(id).append('\n')
                .append("    from:\n      uri: direct:").append(id).append('\n')
                .append("      steps:\n        - to:\n            uri: aivod-aijob:").append(id).append('\n')
                .append("            parameters:\n");
        secrets.values().keySet().forEach(name -> yaml.append("              ").append(name).append(": ")
                .append(valueOfDashed.apply(SecretOptions.dashed(name))).append('\n'));
        return yaml.toString();
    }
}
