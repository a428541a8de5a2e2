package io.github.camelaliyun.vod.aijob.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.util.StringHelper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options the component JSON marks {@code "secret": true} (component and endpoint options), each given a value of
 * its own for one test, so that a secret option added later is covered without touching the tests. A value holds upper
 * case, lower case and digits, as VOD's AuthKey must, and nothing a URI or YAML would change.
 */
public final class SecretOptions {

    private static final String JSON = "/META-INF/io/github/camelaliyun/vod/aijob/aivod-aijob.json";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> values = new LinkedHashMap<>();

    private SecretOptions(String source) {
        int i = 0;
        for (String name : names()) {
            StringBuilder value = new StringBuilder("Mk").append(source);
            for (int n = 0; n < 10; n++) {
                value.append((char) ('a' + RANDOM.nextInt(26)));
            }
            values.put(name, value.append('Z').append(i++).toString());
        }
    }

    /** A fresh value for every secret option; {@code source} (letters) tells in a failure where a value was set. */
    public static SecretOptions fresh(String source) {
        return new SecretOptions(source);
    }

    /** The secret options' names as the component JSON lists them. */
    public static Set<String> names() {
        JsonNode root;
        try (InputStream in = SecretOptions.class.getResourceAsStream(JSON)) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new TreeSet<>();
        for (String section : List.of("componentProperties", "properties")) {
            root.path(section).properties().forEach(option -> {
                if (option.getValue().path("secret").asBoolean()) {
                    names.add(option.getKey());
                }
            });
        }
        assertThat(names).as("secret options in " + JSON).isNotEmpty();
        return names;
    }

    public Map<String, String> values() {
        return values;
    }

    public String value(String option) {
        return values.get(option);
    }

    /** {@code secretKey} as a property key's last part: {@code secret-key}. */
    public static String dashed(String option) {
        return StringHelper.camelCaseToDash(option);
    }

    /** The endpoint URI query of every secret option, each as {@code name=<valueOf(name)>}. */
    public String query(java.util.function.Function<String, String> valueOf) {
        List<String> parts = new ArrayList<>();
        values.keySet().forEach(name -> parts.add(name + "=" + valueOf.apply(name)));
        return String.join("&", parts);
    }

    /** Fails naming the options whose value shows in {@code output}, with the lines that show one (test values). */
    public void assertNoneIn(String what, String output) {
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (!shownIn(line).isEmpty()) {
                lines.add(line.length() > 400 ? line.substring(0, 400) + "..." : line);
            }
        }
        assertThat(shownIn(output)).as("secret options whose value shows in %s, in: %s", what, lines).isEmpty();
    }

    /** For the control runs: the options whose value shows in {@code output}. */
    public List<String> shownIn(String output) {
        List<String> shown = new ArrayList<>();
        values.forEach((name, value) -> {
            if (output.contains(value)) {
                shown.add(name);
            }
        });
        return shown;
    }
}
