package io.github.camelaliyun.vod.aijob.client;

import java.time.Instant;
import java.util.Base64;

/**
 * The older RPC signature ({@code SignatureMethod=HMAC-SHA1}, {@code SignatureVersion=1.0}): every common parameter
 * goes into the query, which is signed as {@code METHOD&%2F&encode(canonicalQuery)} with the key
 * {@code secret + "&"}.
 */
public final class RpcHmacSha1Signer implements RequestSigner {

    @Override
    public void sign(AcsRequest request, AlibabaCloudCredentials credentials, Instant now, String nonce) {
        request.queryParam("Action", request.action())
                .queryParam("Version", request.version())
                .queryParam("Format", "JSON")
                .queryParam("AccessKeyId", credentials.accessKeyId())
                .queryParam("SignatureMethod", "HMAC-SHA1")
                .queryParam("SignatureVersion", "1.0")
                .queryParam("SignatureNonce", nonce)
                .queryParam("Timestamp", Hashing.timestamp(now));
        if (credentials.securityToken() != null) {
            request.queryParam("SecurityToken", credentials.securityToken());
        }
        request.query().remove("Signature");
        request.queryParam("Signature",
                signature(request.method(), request.canonicalQueryString(), credentials.accessKeySecret()));
    }

    /** The Base64 HMAC-SHA1 of {@code METHOD&%2F&encode(canonicalQuery)}, keyed with {@code secret + "&"}. */
    static String signature(String method, String canonicalQuery, String accessKeySecret) {
        String stringToSign = method + "&%2F&" + AcsPercentEncoder.encode(canonicalQuery);
        return Base64.getEncoder().encodeToString(Hashing.hmac("HmacSHA1", accessKeySecret + "&", stringToSign));
    }
}
