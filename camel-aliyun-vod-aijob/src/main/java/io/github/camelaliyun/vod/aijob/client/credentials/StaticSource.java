package io.github.camelaliyun.vod.aijob.client.credentials;

import java.util.concurrent.CompletableFuture;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;

/** Credentials that are simply there (system properties, environment, a profile's AccessKey): nothing to refresh. */
record StaticSource(String name, AlibabaCloudCredentials credentials) implements CredentialsSource {

    @Override
    public CompletableFuture<AlibabaCloudCredentials> fetch() {
        return CompletableFuture.completedFuture(credentials);
    }

    @Override
    public String toString() {
        return "StaticSource[" + name + "]";
    }
}
