package io.github.camelaliyun.vod.aijob.reliability;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.main.Main;
import org.apache.camel.spi.DumpRoutesStrategy;
import org.apache.logging.log4j.Level;

/**
 * Runs Camel Main on an {@code application.properties} and a YAML routes file, and collects what Camel shows of the
 * configuration: its INFO log (the start-up summaries, the XML route dump of {@code camel.main.dump-routes}, a YAML
 * dump), the JMX route dumps with placeholders resolved and the endpoint URIs, and every dev console that shows state
 * (what {@code camel get} reads) as text and JSON.
 */
public final class CamelOutputs {

    /**
     * What each output showed. {@code unmaskedConsoles}: before Camel 4.22, the JSON of the {@code properties} and
     * {@code main-configuration} consoles, which print every property's value (4.22 masks them by name, as their
     * text); empty on 4.22, where they are in {@code consoles}.
     */
    public record Shown(String log, String jmx, String consoles, String unmaskedConsoles) {

        /** All that Camel masks by name. */
        public String all() {
            return String.join("\n", log, jmx, consoles);
        }
    }

    /** The consoles whose JSON Camel masks only from 4.22 on. */
    private static final Set<String> JSON_MASKED_SINCE_4_22 = Set.of("properties", "main-configuration");

    /** Consoles that do something (send a message, dump the heap, run a query) rather than show the state. */
    private static final Set<String> ACTIONS = Set.of("send", "receive", "heap-dump", "gc", "jfr-memory-leak",
            "eval-language", "simple-language", "sql-query", "debug");

    private CamelOutputs() {
    }

    /**
     * @param check runs on the started context, before the outputs are read (to see that the options were bound)
     */
    public static Shown run(Path dir, String properties, String routes, Map<String, String> mainOptions,
                            Consumer<CamelContext> check) throws Exception {
        return run(dir, properties, routes, mainOptions, main -> {
        }, check);
    }

    /** @param beforeStart configures {@code main} before it starts (binds a component of the test's own, say) */
    public static Shown run(Path dir, String properties, String routes, Map<String, String> mainOptions,
                            Consumer<Main> beforeStart, Consumer<CamelContext> check) throws Exception {
        Path file = Files.writeString(dir.resolve("application.properties"), properties);
        Path routesFile = Files.writeString(dir.resolve("routes.camel.yaml"), routes);
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + file);
        main.addInitialProperty("camel.main.routes-include-pattern", "file:" + routesFile);
        main.addInitialProperty("camel.main.dump-routes", "xml");
        main.addInitialProperty("camel.main.jmx-enabled", "true");
        main.addInitialProperty("camel.main.dev-console-enabled", "true");
        mainOptions.forEach(main::addInitialProperty);
        beforeStart.accept(main);
        StringBuilder jmx = new StringBuilder();
        StringBuilder consoles = new StringBuilder();
        StringBuilder unmasked = new StringBuilder();
        String log;
        try (LogCapture logs = LogCapture.at(Level.INFO)) {
            main.start();
            try {
                CamelContext camel = main.getCamelContext();
                check.accept(camel);
                DumpRoutesStrategy dump = camel.getCamelContextExtension().getContextPlugin(DumpRoutesStrategy.class);
                dump.setLog(true);
                dump.dumpRoutes("yaml");
                readJmx(camel, jmx);
                readConsoles(camel, consoles, unmasked);
            } finally {
                main.stop();
            }
            log = logs.text();
        }
        return new Shown(log, jmx.toString(), consoles.toString(), unmasked.toString());
    }

    private static void readJmx(CamelContext camel, StringBuilder out) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName contexts = new ObjectName("org.apache.camel:type=context,*");
        for (ObjectName name : server.queryNames(contexts, null)) {
            if (!camel.getManagementName().equals(unquoted(name.getKeyProperty("context")))) {
                continue;
            }
            out.append(server.invoke(name, "dumpRoutesAsXml", new Object[] { true }, new String[] { "boolean" }));
            out.append(server.invoke(name, "dumpRoutesAsYaml", new Object[] { true }, new String[] { "boolean" }));
            out.append(server.invoke(name, "dumpRoutesAsYaml", new Object[] { true, true },
                    new String[] { "boolean", "boolean" }));
            out.append(server.invoke(name, "dumpRouteTemplatesAsXml", new Object[0], new String[0])).append('\n');
        }
        for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:type=endpoints,*"), null)) {
            if (!camel.getManagementName().equals(unquoted(name.getKeyProperty("context")))) {
                continue;
            }
            out.append(name).append(' ').append(server.getAttribute(name, "EndpointUri")).append('\n');
        }
    }

    private static String unquoted(String value) {
        return value != null && value.startsWith("\"") ? ObjectName.unquote(value) : value;
    }

    private static void readConsoles(CamelContext camel, StringBuilder consoles, StringBuilder unmasked) {
        String[] version = camel.getVersion().split("\\.");
        boolean before422 = Integer.parseInt(version[0]) == 4 && Integer.parseInt(version[1]) < 22;
        DevConsoleRegistry registry = camel.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
        registry.stream().filter(console -> !ACTIONS.contains(console.getId())).forEach(console -> {
            for (DevConsole.MediaType type : DevConsole.MediaType.values()) {
                StringBuilder out = before422 && type == DevConsole.MediaType.JSON
                                    && JSON_MASKED_SINCE_4_22.contains(console.getId()) ? unmasked : consoles;
                if (console.supportMediaType(type)) {
                    out.append("== ").append(console.getId()).append(' ').append(type).append('\n');
                    try {
                        out.append(console.call(type)).append('\n');
                    } catch (RuntimeException e) {
                        out.append("failed: ").append(e).append('\n');
                    }
                }
            }
        });
    }
}
