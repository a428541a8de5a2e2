package io.github.camelaliyun.vod.aijob.client.credentials;

import java.util.concurrent.CompletableFuture;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;

/** A RAM role assumed with other credentials: STS {@code AssumeRole}, signed by the credentials it starts from. */
final class RamRoleArnSource implements CredentialsSource {

    private final String name;
    private final StsClient sts;
    private final CredentialsProvider from;
    private final String roleArn;
    private final String sessionName;
    private final int durationSeconds;
    private final String policy;
    private final String externalId;

    RamRoleArnSource(String name, StsClient sts, CredentialsProvider from, String roleArn, String sessionName,
                     int durationSeconds, String policy, String externalId) {
        this.name = name;
        this.sts = sts;
        this.from = from;
        this.roleArn = roleArn;
        this.sessionName = sessionName;
        this.durationSeconds = durationSeconds;
        this.policy = policy;
        this.externalId = externalId;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<AlibabaCloudCredentials> fetch() {
        // the credentials to assume the role with may themselves be a role's, being refreshed: wait without blocking
        return from.credentialsAsync().handle((source, error) -> {
            if (error != null) {
                throw new CredentialsFetchException(name, "The credentials to assume the role with are missing: "
                                                          + RefreshingCredentialsProvider.describe(error));
            }
            return source;
        }).thenCompose(source -> sts.assumeRole(name, source, roleArn, sessionName, durationSeconds, policy,
                externalId));
    }
}
