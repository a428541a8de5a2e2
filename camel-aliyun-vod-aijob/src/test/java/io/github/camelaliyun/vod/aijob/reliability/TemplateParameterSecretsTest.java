package io.github.camelaliyun.vod.aijob.reliability;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route-template parameters (a Kamelet is a route template; the kamelets module tests the project's own): Camel Main
 * lists every placeholder it resolved, a template's {@code {{secretKey}}} included, in its Property-placeholders
 * summary, masked by the last part of the name; the dumps print the routes made from a template with its parameters
 * resolved. The values are passed as {@code #property:} references, as the docs advise.
 */
class TemplateParameterSecretsTest {

    @Test
    void routeTemplateParametersAreMasked(@TempDir Path dir) throws Exception {
        SecretOptions secrets = SecretOptions.fresh("Tpl");
        StringBuilder routes = new StringBuilder("- routeTemplate:\n    id: vod-lookup\n    parameters:\n"
                                                 + "      - name: label\n");
        secrets.values().keySet().forEach(name -> routes.append("      - name: ").append(name).append('\n'));
        routes.append("    route:\n      from:\n        uri: direct:{{label}}\n        steps:\n          - to:\n"
                      + "              uri: aivod-aijob:{{label}}\n              parameters:\n");
        secrets.values().keySet().forEach(name -> routes.append("                ").append(name).append(": \"{{")
                .append(name).append("}}\"\n"));
        routes.append("- templatedRoute:\n    routeTemplateRef: vod-lookup\n    routeId: from-template\n"
                      + "    parameters:\n      - name: label\n        value: template-secrets\n");
        secrets.values().keySet().forEach(name -> routes.append("      - name: ").append(name)
                .append("\n        value: \"#property:vod.").append(SecretOptions.dashed(name)).append("\"\n"));
        String properties = "camel.component.aivod-aijob.access-key-id = LTAI-template\n"
                            + RouteDumpSecretsTest.properties("vod", secrets);
        CamelOutputs.Shown shown = CamelOutputs.run(dir, properties, routes.toString(), Map.of(),
                camel -> RouteDumpSecretsTest.assertBound(camel, "template-secrets", secrets));
        // the template's parameters, as Camel Main lists them: masked by name
        for (String name : secrets.values().keySet()) {
            assertThat(shown.log()).containsPattern("\\[LocalProperties\\]\\s+" + name + " = xxxxxx");
        }
        assertThat(shown.jmx()).contains("from-template", "secretKey=");
        secrets.assertNoneIn("the start-up summary, dumps, JMX and dev consoles of a templated route", shown.all());
    }
}
