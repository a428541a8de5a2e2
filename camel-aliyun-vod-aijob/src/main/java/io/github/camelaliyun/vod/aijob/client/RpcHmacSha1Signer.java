package io.github.camelaliyun.vod.aijob.client;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;

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
        request.queryParam("Signature", signature(request.method(), request.query(), credentials.accessKeySecret()));
    }

    /**
     * The Base64 HMAC-SHA1 of {@code METHOD&%2F&encode(canonicalQuery)}, keyed with {@code secret + "&"}. The
     * canonical query is encoded twice over by definition; doing both layers in one pass (and never building the
     * canonical query itself) is where most of the signer's time went.
     */
    static String signature(String method, Map<String, String> sortedParams, String accessKeySecret) {
        StringBuilder stringToSign = new StringBuilder(512).append(method).append("&%2F&");
        boolean first = true;
        for (Map.Entry<String, String> param : sortedParams.entrySet()) {
            if (!first) {
                stringToSign.append("%26");
            }
            first = false;
            AcsPercentEncoder.appendEncodedTwice(stringToSign, param.getKey());
            stringToSign.append("%3D");
            AcsPercentEncoder.appendEncodedTwice(stringToSign, param.getValue());
        }
        return Base64.getEncoder().encodeToString(
                Hashing.hmac("HmacSHA1", accessKeySecret + "&", stringToSign.toString()));
    }
}
