package io.github.camelaliyun.vod.aijob.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.util.StringHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's {@code META-INF/spring-configuration-metadata.json}, which gives an IDE completion, types, defaults
 * and descriptions for {@code camel.component.aivod-aijob.*}, is generated from the component JSON that the
 * component's build writes; this test fails when it drifts. To regenerate it after changing a component option:
 * {@code ./mvnw -pl camel-aliyun-vod-aijob-starter -am test -Dtest=SpringConfigurationMetadataTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmetadata.update=true}.
 */
class SpringConfigurationMetadataTest {

    private static final Path METADATA = Path.of("src", "main", "resources", "META-INF",
            "spring-configuration-metadata.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theMetadataIsGeneratedFromTheComponentJson() throws IOException {
        JsonNode catalogue;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelaliyun/vod/aijob/aivod-aijob.json")) {
            catalogue = JSON.readTree(in);
        }
        String expected = JSON.writeValueAsString(metadata(catalogue)) + "\n";
        if (Boolean.getBoolean("metadata.update")) {
            Files.writeString(METADATA, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(METADATA) ? Files.readString(METADATA, StandardCharsets.UTF_8) : "";
        assertThat(actual).as("%s is out of date; regenerate it with -Dmetadata.update=true (see this class)", METADATA)
                .isEqualTo(expected);
    }

    @Test
    void everyComponentOptionIsDescribed() throws IOException {
        JsonNode metadata = JSON.readTree(METADATA.toFile());
        List<String> names = new ArrayList<>();
        metadata.path("properties").forEach(p -> names.add(p.path("name").asText()));
        JsonNode catalogue;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelaliyun/vod/aijob/aivod-aijob.json")) {
            catalogue = JSON.readTree(in);
        }
        catalogue.path("componentProperties").fieldNames().forEachRemaining(option -> assertThat(names)
                .contains(VodAiJobComponentAutoConfiguration.PREFIX + "." + StringHelper.camelCaseToDash(option)));
    }

    private static ObjectNode metadata(JsonNode catalogue) {
        JsonNode component = catalogue.path("component");
        ObjectNode root = JSON.createObjectNode();
        ObjectNode group = root.putArray("groups").addObject();
        group.put("name", VodAiJobComponentAutoConfiguration.PREFIX);
        group.put("type", component.path("javaType").asText());
        group.put("description", component.path("description").asText());
        group.put("sourceType", component.path("javaType").asText());
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        for (Map.Entry<String, JsonNode> entry : catalogue.path("componentProperties").properties()) {
            JsonNode option = entry.getValue();
            String name = VodAiJobComponentAutoConfiguration.PREFIX + "." + StringHelper.camelCaseToDash(entry.getKey());
            ObjectNode property = properties.addObject();
            property.put("name", name);
            property.put("type", springType(option));
            property.put("description", description(option));
            property.put("sourceType", component.path("javaType").asText());
            if (option.has("defaultValue")) {
                putDefault(property, option);
            }
            if (option.path("deprecated").asBoolean()) {
                property.putObject("deprecation").put("level", "warning");
            }
            if (option.has("enum")) {
                ObjectNode hint = hints.addObject();
                hint.put("name", name);
                ArrayNode values = hint.putArray("values");
                option.path("enum").forEach(value -> values.addObject().put("value", value.asText()));
            }
        }
        return root;
    }

    /** The type an IDE checks a value against: a bean reference ({@code #name}) for an object, as Camel binds it. */
    private static String springType(JsonNode option) {
        return switch (option.path("type").asText()) {
            case "boolean" -> "java.lang.Boolean";
            case "integer" -> "java.lang.Integer";
            case "number" -> "java.lang.Double";
            case "duration" -> "java.lang.Long";
            case "object" -> option.path("javaType").asText();
            default -> "java.lang.String";
        };
    }

    private static String description(JsonNode option) {
        String text = option.path("description").asText();
        return switch (option.path("type").asText()) {
            case "duration" -> text + " In milliseconds, or with a unit (10s, 2m, 1h).";
            case "object" -> text + " The option is a " + option.path("javaType").asText() + " type (a bean: #name).";
            default -> text;
        };
    }

    private static void putDefault(ObjectNode property, JsonNode option) {
        JsonNode value = option.path("defaultValue");
        switch (option.path("type").asText()) {
            case "boolean" -> property.put("defaultValue", value.asBoolean());
            case "integer" -> property.put("defaultValue", value.asInt());
            case "number" -> property.put("defaultValue", value.asDouble());
            case "duration" -> property.put("defaultValue", Long.parseLong(value.asText()));
            default -> property.put("defaultValue", value.asText());
        }
    }
}
