package io.github.camelaliyun.vod.aijob.client.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;

/**
 * The credentials file of Alibaba's SDKs, {@code ~/.alibabacloud/credentials.ini} (or {@code
 * ALIBABA_CLOUD_CREDENTIALS_FILE}): the section named by {@code ALIBABA_CLOUD_PROFILE}, else {@code default}, used
 * only when it says {@code enable = true}. Types {@code access_key}, {@code ecs_ram_role}, {@code ram_role_arn} and
 * {@code oidc_role_arn}.
 */
final class IniProfiles {

    static final String ENV_CREDENTIALS_FILE = "ALIBABA_CLOUD_CREDENTIALS_FILE";

    private final CredentialsEnvironment env;
    private final HttpFetcher http;
    private final Path file;

    IniProfiles(CredentialsEnvironment env, HttpFetcher http) {
        this.env = env;
        this.http = http;
        String named = env.env(ENV_CREDENTIALS_FILE);
        this.file = named != null
                ? Path.of(named) : env.homeDirectory().resolve(".alibabacloud").resolve("credentials.ini");
    }

    CredentialsSource source() {
        if (!Files.isRegularFile(file)) {
            if (env.env(ENV_CREDENTIALS_FILE) != null) {
                throw new IllegalArgumentException(ENV_CREDENTIALS_FILE + " names " + file + ", which is not a file");
            }
            throw new DefaultCredentialsChain.NotConfigured(env.missingInHome(file) + ", and "
                                                            + ENV_CREDENTIALS_FILE + " names no other");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        String section = env.env(CliProfiles.ENV_PROFILE) != null ? env.env(CliProfiles.ENV_PROFILE) : "default";
        Map<String, String> values = section(lines, section);
        String where = "section [" + section + "] of " + file;
        if (values == null) {
            throw new DefaultCredentialsChain.NotConfigured(file + " has no section [" + section + "]");
        }
        if (!"true".equalsIgnoreCase(values.get("enable"))) {
            throw new DefaultCredentialsChain.NotConfigured("the " + where + " is not enabled (enable = true)");
        }
        String type = values.get("type");
        String name = "credentials file [" + section + "] (" + type + ")";
        switch (type == null ? "" : type) {
            case "access_key":
                return new StaticSource(name, new AlibabaCloudCredentials(required(values, "access_key_id", where),
                        required(values, "access_key_secret", where), null));
            case "ecs_ram_role":
                return DefaultCredentialsChain.ecsRamRole(env, http, values.get("role_name"));
            case "ram_role_arn": {
                AlibabaCloudCredentials keys = new AlibabaCloudCredentials(required(values, "access_key_id", where),
                        required(values, "access_key_secret", where), null);
                return new RamRoleArnSource(name, new StsClient(http, StsEndpoints.resolve(env)),
                        new RefreshingCredentialsProvider(new StaticSource(name, keys)),
                        required(values, "role_arn", where),
                        RoleSettings.sessionName(values.get("role_session_name"), "role_session_name of the " + where),
                        RoleSettings.durationSeconds(values.get("duration_seconds"), "duration_seconds of the " + where),
                        values.get("policy"), values.get("external_id"));
            }
            case "oidc_role_arn":
                return new OidcRoleSource(name, new StsClient(http, StsEndpoints.resolve(env)),
                        required(values, "role_arn", where), required(values, "oidc_provider_arn", where),
                        Path.of(required(values, "oidc_token_file_path", where)),
                        RoleSettings.sessionName(values.get("role_session_name"), "role_session_name of the " + where),
                        RoleSettings.durationSeconds(values.get("duration_seconds"), "duration_seconds of the " + where));
            default:
                throw new IllegalArgumentException("The " + where + " has type '" + type + "', which this component"
                                                   + " does not support: use access_key, ecs_ram_role, ram_role_arn or"
                                                   + " oidc_role_arn");
        }
    }

    /** The keys and values of one section, or {@code null} when there is no such section. */
    private static Map<String, String> section(List<String> lines, String wanted) {
        Map<String, String> values = null;
        boolean inside = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                inside = line.substring(1, line.length() - 1).strip().equals(wanted);
                if (inside && values == null) {
                    values = new HashMap<>();
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (inside && eq > 0) {
                values.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), unquote(line.substring(eq + 1).strip()));
            }
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String required(Map<String, String> values, String key, String where) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + where + " lacks " + key);
        }
        return value;
    }
}
