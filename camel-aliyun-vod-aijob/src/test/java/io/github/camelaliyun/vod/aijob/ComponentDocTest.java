package io.github.camelaliyun.vod.aijob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.store.JdbcAiJobStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The option and header tables of {@code docs/aivod-aijob-component.adoc} are generated from the component JSON that
 * the build writes; this test fails when they drift. To regenerate them after changing an option:
 * {@code ./mvnw -pl camel-aliyun-vod-aijob -am test -Dtest=ComponentDocTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddocs.update=true}.
 */
class ComponentDocTest {

    private static final Path DOC = Path.of("..", "docs", "aivod-aijob-component.adoc");

    /** The DDL a DBA runs by hand with {@code jobStoreCreateTable=false} is the store's, statement by statement. */
    @Test
    void theJobStoreDdlIsTheStores() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String sql = doc.substring(doc.indexOf("CREATE TABLE IF NOT EXISTS aivod_aijob_pending ("));
        sql = sql.substring(0, sql.indexOf("----"));
        String words = sql.replaceAll("(?m)--.*$", "").replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
        for (String statement : JdbcAiJobStore.ddl("aivod_aijob_pending")) {
            assertThat(words).contains(statement.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")") + ";");
        }
    }

    @Test
    void tablesMatchTheComponentJson() throws IOException {
        JsonNode catalogue;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelaliyun/vod/aijob/aivod-aijob.json")) {
            catalogue = new ObjectMapper().readTree(in);
        }
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String expected = doc;
        expected = replaceSection(expected, "component options", optionTable(catalogue.path("componentProperties")));
        expected = replaceSection(expected, "endpoint options", optionTable(catalogue.path("properties")));
        expected = replaceSection(expected, "endpoint headers", headerTable(catalogue.path("headers")));
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(doc).as("the tables in %s are out of date; regenerate them with -Ddocs.update=true (see this"
                           + " test's javadoc)", DOC)
                .isEqualTo(expected);
    }

    private static String replaceSection(String doc, String name, String table) {
        String start = "// " + name + ": START\n";
        String end = "// " + name + ": END";
        int from = doc.indexOf(start);
        int to = doc.indexOf(end);
        assertThat(from).as("marker '%s' in %s", start.strip(), DOC).isNotNegative();
        assertThat(to).as("marker '%s' in %s", end, DOC).isGreaterThan(from);
        return doc.substring(0, from + start.length()) + table + doc.substring(to);
    }

    private static String optionTable(JsonNode options) {
        StringBuilder sb = new StringBuilder("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> option : options.properties()) {
            JsonNode o = option.getValue();
            sb.append("| *").append(option.getKey()).append("* (").append(o.path("group").asText()).append(")")
                    .append(o.path("required").asBoolean() ? " *Required*" : "")
                    .append(" | ").append(cell(o.path("description").asText()))
                    .append(o.path("secret").asBoolean() ? " A secret (see Secrets: what Camel shows)." : "")
                    .append(o.has("enum") ? " One of: " + join(o.path("enum")) + "." : "")
                    .append(" | ").append(o.has("defaultValue") ? cell(o.path("defaultValue").asText()) : "")
                    .append(" | ").append(cell(shortType(o.path("javaType").asText()))).append('\n');
        }
        return sb.append("|===\n").toString();
    }

    private static String headerTable(JsonNode headers) {
        StringBuilder sb = new StringBuilder("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            JsonNode h = header.getValue();
            String group = h.path("group").asText();
            sb.append("| *").append(header.getKey()).append("* (").append(group.isEmpty() ? "common" : group).append(")")
                    .append(" | ").append(cell(h.path("description").asText()))
                    .append(" Constant: `VodAiJobConstants.")
                    .append(h.path("constantName").asText().replaceAll(".*#", "")).append("`.")
                    .append(" | | ").append(cell(shortType(h.path("javaType").asText()))).append('\n');
        }
        return sb.append("|===\n").toString();
    }

    private static String join(JsonNode values) {
        StringBuilder sb = new StringBuilder();
        values.forEach(v -> sb.append(sb.length() == 0 ? "" : ", ").append(v.asText()));
        return sb.toString();
    }

    private static String shortType(String javaType) {
        return javaType.replaceAll("(\\w+\\.)+(\\w+)", "$2");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
