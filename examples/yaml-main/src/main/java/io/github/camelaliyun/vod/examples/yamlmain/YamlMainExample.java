package io.github.camelaliyun.vod.examples.yamlmain;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs the YAML routes of {@code src/main/resources/routes} (and, with event callbacks, {@code callbacks}) with Camel
 * Main, against the real service or the VOD emulator (see {@link EmulatorSetup}).
 */
public final class YamlMainExample {

    private YamlMainExample() {
    }

    public static void main(String[] args) throws Exception {
        try (EmulatorSetup setup = EmulatorSetup.fromEnvironment()) {
            create(setup).run(args);
        } catch (Exception e) {
            // Camel Main throws without logging when the routes cannot start (a wrong option value, say), and leaves
            // its duration-max-idle timer thread running, which exec:java would wait for without end: say why, and end
            System.err.println("The example could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Camel Main with the setup's properties, and the HTTP server for the event callbacks when they are on. */
    static Main create(EmulatorSetup setup) {
        Main main = new Main(YamlMainExample.class);
        main.setOverrideProperties(setup.properties());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                setup.addHttpServer(configured.getCamelContext());
            }
        });
        return main;
    }
}
