package io.github.camelaliyun.vod.aijob.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.VodAiJobComponentConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel Main's start-up summary lists every {@code camel.component.*} property it applied, with its value unless the
 * last part of the key is one of Camel's sensitive keys. The secret options are named so: set from JVM system
 * properties or from {@code application.properties}, each shows as {@code xxxxxx}. (At DEBUG, Camel Main's own loggers
 * print every property as it sets it, whatever its name: that is Camel's, and the docs say to keep them at INFO.)
 */
class MainSummarySecretsTest {

    private static final String PREFIX = "camel.component.aivod-aijob.";

    @Test
    void systemPropertiesAreMasked() throws Exception {
        SecretOptions secrets = SecretOptions.fresh("Sys");
        List<String> keys = new ArrayList<>();
        secrets.values().forEach((name, value) -> {
            keys.add(PREFIX + SecretOptions.dashed(name));
            System.setProperty(PREFIX + SecretOptions.dashed(name), value);
        });
        try {
            StringBuilder console = new StringBuilder();
            Main main = new Main();
            main.addInitialProperty("camel.main.dev-console-enabled", "true");
            String output = runMain(main, secrets, camel -> console.append(camel.getCamelContextExtension()
                    .getContextPlugin(DevConsoleRegistry.class).getConsole("system-properties").orElseThrow()
                    .call(DevConsole.MediaType.TEXT)));
            assertThat(output).contains("[JVM System Property]");
            secrets.assertNoneIn("Camel Main's summary of system properties", output);
            // Camel's system-properties console (camel get system-properties) prints every property as it is: the
            // docs say so, this shows it
            assertThat(secrets.shownIn(console.toString())).containsExactlyElementsOf(secrets.values().keySet());
        } finally {
            keys.forEach(System::clearProperty);
        }
    }

    @Test
    void applicationPropertiesAreMasked(@TempDir Path dir) throws Exception {
        SecretOptions secrets = SecretOptions.fresh("File");
        StringBuilder file = new StringBuilder();
        // both spellings Camel accepts: secretKey and secret-key
        boolean dashed = false;
        for (var option : secrets.values().entrySet()) {
            String key = dashed ? SecretOptions.dashed(option.getKey()) : option.getKey();
            file.append(PREFIX).append(key).append(" = ").append(option.getValue()).append('\n');
            dashed = !dashed;
        }
        Path properties = Files.writeString(dir.resolve("application.properties"), file);
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + properties);
        String output = runMain(main, secrets, camel -> {
        });
        assertThat(output).contains("[application.properties]");
        secrets.assertNoneIn("Camel Main's summary of application.properties", output);
    }

    /** Starts and stops {@code main}; checks that every secret option was applied and listed in the summary. */
    private static String runMain(Main main, SecretOptions secrets, Consumer<CamelContext> started) throws Exception {
        try (LogCapture logs = LogCapture.at(Level.INFO)) {
            main.start();
            try {
                VodAiJobComponent component = main.getCamelContext().getComponent("aivod-aijob", VodAiJobComponent.class);
                for (var option : secrets.values().entrySet()) {
                    assertThat(new VodAiJobComponentConfigurer().getOptionValue(component, option.getKey(), false))
                            .as("the option %s was applied", option.getKey()).isEqualTo(option.getValue());
                }
                started.accept(main.getCamelContext());
            } finally {
                main.stop();
            }
            String output = logs.text();
            assertThat(output).contains("Auto-configuration summary");
            for (String name : secrets.values().keySet()) {
                assertThat(output).as("the summary lists " + name).containsPattern(
                        "aivod-aijob\\.(" + name + "|" + SecretOptions.dashed(name) + ") = xxxxxx");
            }
            return output;
        }
    }
}
