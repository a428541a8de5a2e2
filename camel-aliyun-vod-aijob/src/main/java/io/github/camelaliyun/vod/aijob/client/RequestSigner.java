package io.github.camelaliyun.vod.aijob.client;

import java.time.Instant;

/** Signs an {@link AcsRequest} in place, with a fresh timestamp and nonce for each attempt. */
public interface RequestSigner {

    void sign(AcsRequest request, AlibabaCloudCredentials credentials, Instant now, String nonce);
}
