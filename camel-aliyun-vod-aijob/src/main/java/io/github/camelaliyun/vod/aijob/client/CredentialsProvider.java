package io.github.camelaliyun.vod.aijob.client;

import java.util.concurrent.CompletableFuture;

/**
 * Supplies the credentials each call is signed with. Asked once per attempt, so an implementation may rotate
 * temporary credentials: the next attempt signs with whatever it answers. It should answer quickly (return the
 * credentials it holds) and refresh them off the calling path, as
 * {@link io.github.camelaliyun.vod.aijob.client.credentials.RefreshingCredentialsProvider} does.
 */
@FunctionalInterface
public interface CredentialsProvider {

    AlibabaCloudCredentials credentials();

    /**
     * The same, for a caller that must not block: the client asks this way before each attempt. A provider whose
     * credentials expired answers a future that completes when the refresh does; the default answers
     * {@link #credentials()} at once.
     */
    default CompletableFuture<AlibabaCloudCredentials> credentialsAsync() {
        try {
            return CompletableFuture.completedFuture(credentials());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static CredentialsProvider of(AlibabaCloudCredentials credentials) {
        return () -> credentials;
    }
}
