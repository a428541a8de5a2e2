package io.github.camelaliyun.vod.aijob.client.credentials;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the default credentials chain reads: environment variables, system properties, the home directory, and the
 * address of the ECS metadata service. {@link #system()} is the real one; tests build their own rather than change
 * the JVM's environment, and point the metadata service at loopback (or disable it) so that no test leaves the
 * machine.
 */
public record CredentialsEnvironment(
        UnaryOperator<String> environment, UnaryOperator<String> systemProperties, Path homeDirectory,
        URI ecsMetadataEndpoint) {

    /** The ECS instance metadata service, reachable only from an ECS instance. */
    public static final URI ECS_METADATA_ENDPOINT = URI.create("http://100.100.100.200");

    /** The JVM's environment variables, system properties and {@code user.home}. */
    public static CredentialsEnvironment system() {
        return new CredentialsEnvironment(System::getenv, System::getProperty,
                Path.of(System.getProperty("user.home", ".")), ECS_METADATA_ENDPOINT);
    }

    /** The given variables only: no system properties, the given home directory, the real metadata address. */
    public static CredentialsEnvironment of(Map<String, String> variables, Path homeDirectory) {
        return new CredentialsEnvironment(variables::get, name -> null, homeDirectory, ECS_METADATA_ENDPOINT);
    }

    /** The same, with the ECS metadata service at another address (a loopback server, in tests). */
    public CredentialsEnvironment withEcsMetadataEndpoint(URI endpoint) {
        return new CredentialsEnvironment(environment, systemProperties, homeDirectory, endpoint);
    }

    public CredentialsEnvironment withSystemProperties(Map<String, String> properties) {
        return new CredentialsEnvironment(environment, properties::get, homeDirectory, ecsMetadataEndpoint);
    }

    /**
     * Where a missing file under the home directory was looked for, in words: Java's {@code user.home}, as Alibaba's
     * own SDKs read it, is not always {@code $HOME} (a service account, {@code -Duser.home}, a container).
     */
    String missingInHome(Path file) {
        return "no file " + file + " (in Java's user.home, " + homeDirectory + ", which the HOME variable does not"
               + " change)";
    }

    /** The variable's value, trimmed, or {@code null} when it is unset or blank. */
    public String env(String name) {
        return trimmed(environment.apply(name));
    }

    public String property(String name) {
        return trimmed(systemProperties.apply(name));
    }

    public boolean envIsTrue(String name) {
        return "true".equalsIgnoreCase(env(name));
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "CredentialsEnvironment[home=" + homeDirectory + ", ecsMetadataEndpoint=" + ecsMetadataEndpoint + "]";
    }
}
