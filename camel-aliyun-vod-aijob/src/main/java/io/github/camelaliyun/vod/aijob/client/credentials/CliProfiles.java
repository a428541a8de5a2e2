package io.github.camelaliyun.vod.aijob.client.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;

/**
 * The Alibaba Cloud CLI's profiles, {@code ~/.aliyun/config.json}: the profile named by {@code ALIBABA_CLOUD_PROFILE},
 * else the file's {@code current}. Modes {@code AK}, {@code StsToken}, {@code RamRoleArn}, {@code EcsRamRole},
 * {@code OIDC} and {@code ChainableRamRoleArn}; the CLI's other modes (CloudSSO, OAuth, External, ...) are refused.
 */
final class CliProfiles {

    static final String ENV_PROFILE = "ALIBABA_CLOUD_PROFILE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CredentialsEnvironment env;
    private final HttpFetcher http;
    private final Path file;

    CliProfiles(CredentialsEnvironment env, HttpFetcher http) {
        this.env = env;
        this.http = http;
        this.file = env.homeDirectory().resolve(".aliyun").resolve("config.json");
    }

    CredentialsSource source() {
        if (!Files.isRegularFile(file)) {
            throw new DefaultCredentialsChain.NotConfigured(env.missingInHome(file));
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            // Jackson's message may quote the file's content, secrets included: only where it broke is shown
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")" : "";
            throw new IllegalArgumentException(file + " is not valid JSON" + where + ": fix or remove it");
        }
        if (root == null || !root.path("profiles").isArray()) {
            throw new IllegalArgumentException(file + " has no \"profiles\" array: it is not an Alibaba Cloud CLI"
                                               + " configuration");
        }
        String wanted = env.env(ENV_PROFILE) != null ? env.env(ENV_PROFILE) : text(root, "current");
        if (wanted == null) {
            throw new IllegalArgumentException(file + " names no current profile and " + ENV_PROFILE + " is not set");
        }
        return source(root, wanted, new HashSet<>());
    }

    private CredentialsSource source(JsonNode root, String profileName, Set<String> seen) {
        JsonNode profile = profile(root, profileName);
        String where = "profile '" + profileName + "' of " + file;
        if (!seen.add(profileName)) {
            throw new IllegalArgumentException("The " + where + " takes part in a loop of source_profile references");
        }
        String mode = text(profile, "mode");
        String name = "CLI profile '" + profileName + "' (" + mode + ")";
        switch (mode == null ? "" : mode) {
            case "AK":
                return new StaticSource(name, new AlibabaCloudCredentials(required(profile, "access_key_id", where),
                        required(profile, "access_key_secret", where), null));
            case "StsToken":
                return new StaticSource(name, new AlibabaCloudCredentials(required(profile, "access_key_id", where),
                        required(profile, "access_key_secret", where), required(profile, "sts_token", where)));
            case "RamRoleArn": {
                AlibabaCloudCredentials keys = new AlibabaCloudCredentials(required(profile, "access_key_id", where),
                        required(profile, "access_key_secret", where), null);
                return ramRole(name, profile, where, new StaticSource(name, keys));
            }
            case "ChainableRamRoleArn": {
                String from = required(profile, "source_profile", where);
                return ramRole(name, profile, where, source(root, from, seen));
            }
            case "EcsRamRole":
                return DefaultCredentialsChain.ecsRamRole(env, http, text(profile, "ram_role_name"));
            case "OIDC":
                return new OidcRoleSource(name, sts(profile, where), required(profile, "ram_role_arn", where),
                        required(profile, "oidc_provider_arn", where), Path.of(required(profile, "oidc_token_file", where)),
                        RoleSettings.sessionName(text(profile, "ram_session_name"), "ram_session_name of the " + where),
                        duration(profile, where));
            default:
                throw new IllegalArgumentException("The " + where + " has mode '" + mode + "', which this component"
                                                   + " does not support: use AK, StsToken, RamRoleArn, EcsRamRole, OIDC"
                                                   + " or ChainableRamRoleArn, or pick another profile with "
                                                   + ENV_PROFILE);
        }
    }

    private CredentialsSource ramRole(String name, JsonNode profile, String where, CredentialsSource from) {
        RefreshingCredentialsProvider base = new RefreshingCredentialsProvider(from);
        return new RamRoleArnSource(name, sts(profile, where), base, required(profile, "ram_role_arn", where),
                RoleSettings.sessionName(text(profile, "ram_session_name"), "ram_session_name of the " + where),
                duration(profile, where), text(profile, "policy"), text(profile, "external_id"));
    }

    private StsClient sts(JsonNode profile, String where) {
        Boolean vpc = profile.hasNonNull("enable_vpc") ? profile.get("enable_vpc").asBoolean() : null;
        return new StsClient(http, StsEndpoints.resolve(env, text(profile, "sts_region"), vpc,
                "sts_region of the " + where));
    }

    private static int duration(JsonNode profile, String where) {
        return RoleSettings.durationSeconds(text(profile, "expired_seconds"), "expired_seconds of the " + where);
    }

    private JsonNode profile(JsonNode root, String profileName) {
        for (JsonNode profile : root.get("profiles")) {
            if (profileName.equals(text(profile, "name"))) {
                return profile;
            }
        }
        throw new IllegalArgumentException(file + " has no profile named '" + profileName + "'");
    }

    private static String required(JsonNode profile, String field, String where) {
        String value = text(profile, field);
        if (value == null) {
            throw new IllegalArgumentException("The " + where + " lacks " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() || (value.isNumber() && value.asLong() == 0) ? null : text;
    }
}
