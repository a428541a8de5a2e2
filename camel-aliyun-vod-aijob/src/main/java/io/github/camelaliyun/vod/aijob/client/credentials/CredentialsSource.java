package io.github.camelaliyun.vod.aijob.client.credentials;

import java.util.concurrent.CompletableFuture;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;

/**
 * Where one kind of credentials comes from (STS, the ECS metadata service, a file, a variable). {@link #fetch()} gets
 * fresh credentials each time it is called; {@link RefreshingCredentialsProvider} decides when.
 */
public interface CredentialsSource {

    /** A name for logs and errors, such as {@code OIDC role (ALIBABA_CLOUD_ROLE_ARN)}; never a secret. */
    String name();

    /** Fresh credentials; fails with a {@link CredentialsFetchException} (or an I/O error) naming the problem. */
    CompletableFuture<AlibabaCloudCredentials> fetch();
}
