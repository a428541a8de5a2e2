package io.github.camelaliyun.vod.aijob.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.VodAiJobComponentConfigurer;

/**
 * The child process of {@link EnvironmentSecretsTest}: Camel Main with the secret options in its environment, taken
 * into {@code application.properties} as {@code {{env:VOD_SECRET_KEY}}}. Writes what Camel showed to the file named by
 * the first argument, then for each secret option whether the component got the value of its variable
 * ({@code APPLIED name true|false}), never the value.
 */
public final class EnvironmentSecretsRun {

    private EnvironmentSecretsRun() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path dir = Files.createDirectories(out.resolveSibling("run"));
        StringBuilder applied = new StringBuilder();
        String routes = "- route:\n    id: env\n    from:\n      uri: direct:env\n      steps:\n"
                        + "        - to:\n            uri: aivod-aijob:env\n";
        StringBuilder properties = new StringBuilder("camel.component.aivod-aijob.access-key-id = LTAI-env\n");
        for (String name : SecretOptions.names()) {
            properties.append("camel.component.aivod-aijob.").append(SecretOptions.dashed(name)).append(" = {{env:")
                    .append(EnvironmentSecretsTest.variable("VOD_", name)).append("}}\n");
        }
        CamelOutputs.Shown shown = CamelOutputs.run(dir, properties.toString(), routes, Map.of(), camel -> {
            VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
            for (String name : SecretOptions.names()) {
                Object value = new VodAiJobComponentConfigurer().getOptionValue(component, name, false);
                String variable = EnvironmentSecretsTest.variable("VOD_", name);
                applied.append("APPLIED ").append(name).append(' ')
                        .append(value != null && value.equals(System.getenv(variable))).append('\n');
            }
        });
        Files.writeString(out, shown.all() + "\n" + applied);
    }
}
