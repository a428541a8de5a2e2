package io.github.camelaliyun.vod.aijob.client.mns;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of MNS (Simple Message Queue) REST requests: {@code Authorization: MNS <AccessKeyId>:<Signature>},
 * where the signature is the Base64 of the HMAC-SHA1, keyed with the AccessKey secret, of
 * {@code VERB\nContent-MD5\nContent-Type\nDate\n}, then each {@code x-mns-*} header as {@code name:value\n} (names in
 * lower case, sorted), then the resource: the path and the query as sent.
 */
public final class MnsSignature {

    private MnsSignature() {
    }

    /** The text that is signed; {@code headers} may hold any headers, only the {@code x-mns-} ones take part. */
    public static String stringToSign(String verb, String contentMd5, String contentType, String date,
                                      Map<String, String> headers, String resource) {
        StringBuilder text = new StringBuilder();
        text.append(verb).append('\n')
                .append(contentMd5 == null ? "" : contentMd5).append('\n')
                .append(contentType == null ? "" : contentType).append('\n')
                .append(date).append('\n');
        Map<String, String> mnsHeaders = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-mns-")) {
                mnsHeaders.put(lower, value.strip());
            }
        });
        mnsHeaders.forEach((name, value) -> text.append(name).append(':').append(value).append('\n'));
        return text.append(resource).toString();
    }

    /** Base64(HMAC-SHA1(secret, stringToSign)). */
    public static String sign(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no HmacSHA1, which every Java platform must have", e);
        }
    }

    /** The value of the Authorization header. */
    public static String authorization(String accessKeyId, String signature) {
        return "MNS " + accessKeyId + ":" + signature;
    }
}
