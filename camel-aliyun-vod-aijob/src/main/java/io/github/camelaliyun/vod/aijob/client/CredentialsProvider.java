package io.github.camelaliyun.vod.aijob.client;

/**
 * Supplies the credentials each call is signed with. Asked once per attempt, so an implementation may rotate
 * temporary credentials: the next attempt signs with whatever it answers. It should answer quickly (return the
 * credentials it holds) and refresh them off the calling path, as
 * {@link io.github.camelaliyun.vod.aijob.client.credentials.RefreshingCredentialsProvider} does.
 */
@FunctionalInterface
public interface CredentialsProvider {

    AlibabaCloudCredentials credentials();

    static CredentialsProvider of(AlibabaCloudCredentials credentials) {
        return () -> credentials;
    }
}
