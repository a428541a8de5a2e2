package io.github.camelaliyun.vod.aijob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README points to the component page for the options (whose tables {@link ComponentDocTest} keeps in step), but
 * names some in its routes and prose: each one it names must be an option of the endpoint, so that the README does
 * not go on showing an option that was renamed or removed.
 */
class ReadmeOptionsTest {

    /** {@code name=} in a URI query ({@code ?} or {@code &} before it), or a lone {@code `name`} in backticks. */
    private static final Pattern IN_URI = Pattern.compile("[?&]([a-zA-Z]+)=");
    private static final Pattern IN_BACKTICKS = Pattern.compile("`([a-z][a-zA-Z]+)(=[^`]*)?`");

    @Test
    void everyOptionTheReadmeNamesIsAnOptionOfTheEndpoint() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        JsonNode catalogue;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelaliyun/vod/aijob/aivod-aijob.json")) {
            catalogue = new ObjectMapper().readTree(in);
        }
        Set<String> options = new HashSet<>();
        catalogue.path("properties").fieldNames().forEachRemaining(options::add);
        catalogue.path("componentProperties").fieldNames().forEachRemaining(options::add);

        List<String> unknown = new ArrayList<>();
        Matcher uri = IN_URI.matcher(readme);
        while (uri.find()) {
            if (!options.contains(uri.group(1)) && !isOtherComponentsOption(uri.group(1))) {
                unknown.add(uri.group(1));
            }
        }
        Matcher named = IN_BACKTICKS.matcher(readme);
        while (named.find()) {
            // a name with an = is an option setting; without, only the names that look like this component's options
            String name = named.group(1);
            boolean setting = named.group(2) != null;
            if ((setting || looksLikeAnOption(name)) && !options.contains(name)) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("options the README names that the endpoint does not have").isEmpty();
    }

    /** The options of the other endpoints in the README's routes (file:, timer:, platform-http:). */
    private static boolean isOtherComponentsOption(String name) {
        return Set.of("noop", "repeatCount", "httpMethodRestrict").contains(name);
    }

    private static boolean looksLikeAnOption(String name) {
        return name.startsWith("jobStore") || name.startsWith("callback") || name.startsWith("eventQueue")
               || name.startsWith("max") || name.startsWith("lease") || name.endsWith("Key")
               || name.endsWith("Token") || name.equals("dataSource") || name.equals("track");
    }
}
