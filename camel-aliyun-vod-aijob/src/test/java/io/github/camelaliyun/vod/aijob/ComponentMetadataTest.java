package io.github.camelaliyun.vod.aijob;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated catalogue entry: what Camel tooling, JBang and the docs read about the component. */
class ComponentMetadataTest {

    private static final String JSON = "/META-INF/io/github/camelaliyun/vod/aijob/aivod-aijob.json";

    @Test
    void componentIsDiscoverableByItsScheme() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/org/apache/camel/component/aivod-aijob")) {
            assertThat(in).as("services file").isNotNull();
            assertThat(new String(in.readAllBytes())).contains("class=" + VodAiJobComponent.class.getName());
        }
    }

    @Test
    void everyOptionIsDescribedAndSecretsAreMarkedSecret() throws IOException {
        JsonNode root = catalogue();
        assertThat(root.at("/component/scheme").asText()).isEqualTo("aivod-aijob");
        assertThat(root.at("/component/syntax").asText()).isEqualTo("aivod-aijob:label");

        List<String> undocumented = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties", "headers")) {
            for (Map.Entry<String, JsonNode> option : root.path(section).properties()) {
                if (option.getValue().path("description").asText().isBlank()) {
                    undocumented.add(section + "." + option.getKey());
                }
            }
            if (!section.equals("headers")) {
                for (String secret : List.of("secretKey", "sessionToken", "authKey")) {
                    assertThat(root.path(section).path(secret).path("secret").asBoolean())
                            .as(section + "." + secret + " is secret").isTrue();
                }
                assertThat(root.path(section).path("vodAiJobClient").path("autowired").asBoolean()).isTrue();
                assertThat(root.path(section).path("regionId").path("defaultValue").asText()).isEqualTo("cn-shanghai");
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyHeaderConstantIsInTheCatalogue() throws Exception {
        JsonNode headers = catalogue().path("headers");
        for (java.lang.reflect.Field field : VodAiJobConstants.class.getFields()) {
            if (field.isAnnotationPresent(org.apache.camel.spi.Metadata.class)) {
                String name = (String) field.get(null);
                assertThat(headers.has(name)).as(name).isTrue();
                assertThat(headers.path(name).path("constantName").asText()).endsWith("#" + field.getName());
            }
        }
        assertThat(headers.size()).isGreaterThanOrEqualTo(5);
    }

    private JsonNode catalogue() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(JSON)) {
            assertThat(in).as(JSON).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
