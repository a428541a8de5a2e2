package io.github.camelaliyun.vod.aijob.client.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;

/**
 * A RAM role assumed with an OIDC token (ACK's RRSA): STS {@code AssumeRoleWithOIDC}. The token file is read again at
 * every fetch, because ACK rotates it.
 */
final class OidcRoleSource implements CredentialsSource {

    private final String name;
    private final StsClient sts;
    private final String roleArn;
    private final String oidcProviderArn;
    private final Path tokenFile;
    private final String sessionName;
    private final int durationSeconds;

    OidcRoleSource(String name, StsClient sts, String roleArn, String oidcProviderArn, Path tokenFile,
                   String sessionName, int durationSeconds) {
        this.name = name;
        this.sts = sts;
        this.roleArn = roleArn;
        this.oidcProviderArn = oidcProviderArn;
        this.tokenFile = tokenFile;
        this.sessionName = sessionName;
        this.durationSeconds = durationSeconds;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<AlibabaCloudCredentials> fetch() {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new CredentialsFetchException(name, "Cannot read the OIDC token file "
                                                                                      + tokenFile + ": " + e));
        }
        if (token.isEmpty()) {
            return CompletableFuture.failedFuture(
                    new CredentialsFetchException(name, "The OIDC token file " + tokenFile + " is empty"));
        }
        return sts.assumeRoleWithOidc(name, roleArn, oidcProviderArn, token, sessionName, durationSeconds);
    }
}
