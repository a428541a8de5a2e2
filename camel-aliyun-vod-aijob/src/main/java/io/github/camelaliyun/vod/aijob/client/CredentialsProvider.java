package io.github.camelaliyun.vod.aijob.client;

/**
 * Supplies the credentials each call is signed with. Asked once per attempt, so an implementation may rotate
 * temporary credentials.
 */
@FunctionalInterface
public interface CredentialsProvider {

    AlibabaCloudCredentials credentials();

    static CredentialsProvider of(AlibabaCloudCredentials credentials) {
        return () -> credentials;
    }
}
