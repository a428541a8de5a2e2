package io.github.camelaliyun.vod.aijob.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The V3 signature, {@code ACS3-HMAC-SHA256}: action, version, time, nonce and body hash travel as {@code x-acs-*}
 * headers, and the signature covers the method, path, query and those headers (with {@code host} and
 * {@code content-type}). The calls here have an empty body, except those with a secret parameter, which send their
 * parameters as a form body (its hash signed as {@code x-acs-content-sha256}).
 */
public final class V3HmacSha256Signer implements RequestSigner {

    public static final String ALGORITHM = "ACS3-HMAC-SHA256";
    static final String EMPTY_BODY_SHA256 = Hashing.sha256Hex(new byte[0]);

    @Override
    public void sign(AcsRequest request, AlibabaCloudCredentials credentials, Instant now, String nonce) {
        String body = request.formBody();
        String payloadHash = body.isEmpty() ? EMPTY_BODY_SHA256
                : Hashing.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
        request.header("host", request.host())
                .header("x-acs-action", request.action())
                .header("x-acs-version", request.version())
                .header("x-acs-date", Hashing.timestamp(now))
                .header("x-acs-signature-nonce", nonce)
                .header("x-acs-content-sha256", payloadHash);
        if (credentials.securityToken() != null) {
            request.header("x-acs-security-token", credentials.securityToken());
        }
        request.headers().remove("authorization");

        StringBuilder canonicalHeaders = new StringBuilder(256);
        StringBuilder signedHeaders = new StringBuilder(128);
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey();
            if (name.equals("host") || name.equals("content-type") || name.startsWith("x-acs-")) {
                canonicalHeaders.append(name).append(':').append(h.getValue().trim()).append('\n');
                if (signedHeaders.length() > 0) {
                    signedHeaders.append(';');
                }
                signedHeaders.append(name);
            }
        }
        String canonicalRequest = request.method() + "\n/\n" + request.canonicalQueryString() + "\n" + canonicalHeaders
                                  + "\n" + signedHeaders + "\n" + payloadHash;
        String stringToSign = ALGORITHM + "\n" + Hashing.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        String signature = Hashing.HEX.formatHex(Hashing.hmac("HmacSHA256", credentials.accessKeySecret(), stringToSign));
        request.header("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + ",SignedHeaders="
                                        + signedHeaders + ",Signature=" + signature);
    }
}
