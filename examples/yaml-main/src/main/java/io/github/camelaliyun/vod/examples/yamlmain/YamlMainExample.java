package io.github.camelaliyun.vod.examples.yamlmain;

import org.apache.camel.main.Main;

/**
 * Runs the YAML routes of {@code src/main/resources/routes} with Camel Main, against the real service or the VOD
 * emulator (see {@link EmulatorSetup}).
 */
public final class YamlMainExample {

    private YamlMainExample() {
    }

    public static void main(String[] args) throws Exception {
        try (EmulatorSetup setup = EmulatorSetup.fromEnvironment()) {
            Main main = new Main(YamlMainExample.class);
            main.setOverrideProperties(setup.properties());
            main.run(args);
        }
    }
}
