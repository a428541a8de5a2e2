package io.github.camelaliyun.vod.aijob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's option table must name every option of the component's own (the scheduler's are Camel's). */
class ReadmeOptionsTest {

    @Test
    void readmeTableNamesEveryComponentOption() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        JsonNode catalogue;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelaliyun/vod/aijob/aivod-aijob.json")) {
            catalogue = new ObjectMapper().readTree(in);
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> option : catalogue.path("properties").properties()) {
            String configurationClass = option.getValue().path("configurationClass").asText();
            if (configurationClass.equals(VodAiJobConfiguration.class.getName())
                    && !readme.contains("| `" + option.getKey() + "` |")) {
                missing.add(option.getKey());
            }
        }
        assertThat(missing).as("options missing from the README table").isEmpty();
    }
}
