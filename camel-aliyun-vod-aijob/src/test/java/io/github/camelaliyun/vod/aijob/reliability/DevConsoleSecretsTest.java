package io.github.camelaliyun.vod.aijob.reliability;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev consoles (what {@code camel get} and the developer web console read) and the endpoint URIs of JMX, with the
 * secrets set both ways the docs advise: on the component in {@code application.properties}, and on an endpoint as
 * {@code #property:} references. Every console Camel registers is called, as text and as JSON.
 */
class DevConsoleSecretsTest {

    @Test
    void noConsoleAndNoEndpointUriShowsASecret(@TempDir Path dir) throws Exception {
        SecretOptions onComponent = SecretOptions.fresh("Cmp");
        SecretOptions onEndpoint = SecretOptions.fresh("Ept");
        StringBuilder properties = new StringBuilder("camel.component.aivod-aijob.access-key-id = LTAI-console\n");
        onComponent.values().forEach((name, value) -> properties.append("camel.component.aivod-aijob.")
                .append(SecretOptions.dashed(name)).append(" = ").append(value).append('\n'));
        properties.append(RouteDumpSecretsTest.properties("vod", onEndpoint));
        String routes = "- route:\n    id: console\n    from:\n      uri: direct:console\n      steps:\n"
                        + "        - to:\n            uri: \"aivod-aijob:console?"
                        + onEndpoint.query(name -> "#property:vod." + SecretOptions.dashed(name)) + "\"\n"
                        + "        - to:\n            uri: aivod-aijob:defaults\n";

        CamelOutputs.Shown shown = CamelOutputs.run(dir, properties.toString(), routes, Map.of(),
                camel -> RouteDumpSecretsTest.assertBound(camel, "console", onEndpoint));

        assertThat(shown.consoles()).contains("== endpoint JSON", "== main-configuration TEXT", "== properties TEXT",
                "== route-dump JSON", "== aivod-aijob TEXT", "aivod-aijob://console?authKey=xxxxxx");
        assertThat(shown.consoles() + shown.unmaskedConsoles()).contains("== properties JSON");
        assertThat(shown.jmx()).contains("aivod-aijob://defaults", "aivod-aijob://console?authKey=xxxxxx");
        onComponent.assertNoneIn("the dev consoles and JMX (component options)", shown.consoles() + shown.jmx());
        onEndpoint.assertNoneIn("the dev consoles and JMX (endpoint options)", shown.consoles() + shown.jmx());
        // Camel before 4.22: the properties and main-configuration consoles' JSON (camel get properties) print every
        // property as it is, whatever its name; the docs say so, this shows it
        if (!shown.unmaskedConsoles().isEmpty()) {
            assertThat(onComponent.shownIn(shown.unmaskedConsoles()))
                    .containsExactlyElementsOf(onComponent.values().keySet());
        }
        onComponent.assertNoneIn("the log", shown.log());
        onEndpoint.assertNoneIn("the log", shown.log());
    }
}
