package io.github.camelaliyun.vod.aijob.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secret options from environment variables: a child JVM gets {@code VOD_SECRET_KEY}, ... (which its
 * {@code application.properties} takes as {@code {{env:VOD_SECRET_KEY}}}), {@code CAMEL_COMPONENT_AIVOD_AIJOB_*} (the
 * names Camel Main would map to the options) and Alibaba Cloud's own variables of the default credentials chain;
 * nothing Camel shows (start-up summary, dumps, JMX, dev consoles) may hold one of the values.
 */
class EnvironmentSecretsTest {

    /** {@code secretKey} with {@code VOD_}: {@code VOD_SECRET_KEY}. */
    static String variable(String prefix, String option) {
        return prefix + SecretOptions.dashed(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Test
    void environmentVariablesAreNotShown(@TempDir Path dir) throws Exception {
        SecretOptions secrets = SecretOptions.fresh("Env");
        SecretOptions camelNamed = SecretOptions.fresh("Cev");
        SecretOptions alibaba = SecretOptions.fresh("Ali");
        Path out = dir.resolve("shown.txt");
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                EnvironmentSecretsRun.class.getName(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = child.environment();
        env.put("CAMEL_COMPONENT_AIVOD_AIJOB_ACCESS_KEY_ID", "LTAI-env");
        secrets.values().forEach((name, value) -> env.put(variable("VOD_", name), value));
        // the names Camel Main maps to component options; it cannot for aivod-aijob (a dash in the name): set anyway
        camelNamed.values().forEach((name, value) -> env.put(variable("CAMEL_COMPONENT_AIVOD_AIJOB_", name), value));
        // the default chain's own variables: a process has them whether the component uses them or not
        env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-chain");
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", alibaba.values().values().iterator().next());
        env.put("ALIBABA_CLOUD_SECURITY_TOKEN", alibaba.values().values().stream().skip(1).findFirst().orElseThrow());
        env.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        Process process = child.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child ended").isTrue();
        String childLog = Files.readString(log);
        assertThat(process.exitValue()).as("the child's exit code; its output: %s", log).isZero();
        String shown = Files.readString(out);

        for (String name : secrets.values().keySet()) {
            assertThat(shown).as("Camel Main applied " + variable("VOD_", name)).contains("APPLIED " + name + " true");
        }
        assertThat(shown).contains("Auto-configuration summary", "Dumping 1 routes as XML", "== endpoint JSON");
        secrets.assertNoneIn("what Camel shows, options from the environment", shown + childLog);
        camelNamed.assertNoneIn("what Camel shows, CAMEL_COMPONENT_AIVOD_AIJOB_* variables", shown + childLog);
        alibaba.assertNoneIn("what Camel shows, Alibaba Cloud's variables", shown + childLog);
    }
}
