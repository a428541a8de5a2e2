package io.github.camelaliyun.vod.kamelets;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelet files as the catalogue's tools read them: the name and type match the file, every property the
 * template uses is declared (and the reverse), a placeholder that is not optional has a default or is required, the
 * template's options are options of the component, and the build wrote the version into spec.dependencies.
 */
class KameletFilesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\?)?([A-Za-z]+)}}");

    @ParameterizedTest
    @ValueSource(strings = {"aliyun-vod-aijob-source", "aliyun-vod-aijob-sink"})
    @SuppressWarnings("unchecked")
    void kameletIsConsistent(String name) throws Exception {
        Map<String, Object> kamelet;
        try (InputStream in = getClass().getResourceAsStream("/kamelets/" + name + ".kamelet.yaml")) {
            assertThat(in).as(name).isNotNull();
            kamelet = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
        assertThat(kamelet).containsEntry("apiVersion", "camel.apache.org/v1").containsEntry("kind", "Kamelet");
        Map<String, Object> metadata = (Map<String, Object>) kamelet.get("metadata");
        assertThat(metadata).containsEntry("name", name);
        String type = name.substring(name.lastIndexOf('-') + 1);
        assertThat((Map<String, Object>) metadata.get("labels")).containsEntry("camel.apache.org/kamelet.type", type);
        assertThat(((Map<String, String>) metadata.get("annotations")).get("camel.apache.org/kamelet.icon"))
                .startsWith("data:image/svg+xml;base64,");

        Map<String, Object> spec = (Map<String, Object>) kamelet.get("spec");
        Map<String, Object> definition = (Map<String, Object>) spec.get("definition");
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) definition.get("properties");
        List<String> required = (List<String>) definition.get("required");
        assertThat(properties).containsKeys(required.toArray(String[]::new));
        properties.forEach((property, schema) -> assertThat(schema).as(property).containsKeys("title", "description", "type"));

        String template = new ObjectMapper().writeValueAsString(spec.get("template"));
        Set<String> used = new HashSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            String property = placeholder.group(2);
            used.add(property);
            boolean optional = placeholder.group(1) != null;
            assertThat(optional || required.contains(property) || properties.get(property).containsKey("default"))
                    .as("{{%s}} is neither optional, required nor defaulted", property).isTrue();
        }
        assertThat(used).as("properties the template uses").isEqualTo(properties.keySet());

        assertThat((List<String>) spec.get("dependencies")).contains("camel:kamelet")
                .anySatisfy(dependency -> assertThat(dependency)
                        .matches("mvn:io\\.github\\.camelaliyun:camel-aliyun-vod-aijob:\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));

        Set<String> componentOptions = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelaliyun/vod/aijob/aivod-aijob.json")) {
            JsonNode json = new ObjectMapper().readTree(in);
            json.get("properties").fieldNames().forEachRemaining(componentOptions::add);
        }
        Map<String, Object> endpoint = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("from");
        if ("sink".equals(type)) {
            List<Map<String, Object>> steps = (List<Map<String, Object>>) endpoint.get("steps");
            endpoint = (Map<String, Object>) steps.get(steps.size() - 1).get("to");
        }
        assertThat(endpoint.get("uri")).isEqualTo("aivod-aijob:{{label}}");
        assertThat(componentOptions).containsAll(((Map<String, Object>) endpoint.get("parameters")).keySet());
    }
}
