package io.github.camelaliyun.vod.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's side of both signatures, written from the published rules and independently of the client's signers,
 * so that a mistake in one is caught by the other.
 */
final class Signatures {

    private Signatures() {
    }

    /** RFC 3986 percent-encoding: java.net.URLEncoder, then the three characters where form encoding differs. */
    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    static String canonicalQuery(SortedMap<String, String> params) {
        return params.entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The RPC string to sign: {@code METHOD&%2F&encode(canonical query without Signature)}. */
    static String rpcStringToSign(String method, SortedMap<String, String> paramsWithoutSignature) {
        return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(paramsWithoutSignature));
    }

    static String rpcSignature(String stringToSign, String secret) {
        return Base64.getEncoder().encodeToString(mac("HmacSHA1", (secret + "&").getBytes(StandardCharsets.UTF_8),
                stringToSign));
    }

    /** The V3 canonical request for the given signed header names (already lower case, in the order signed). */
    static String v3CanonicalRequest(
            String method, String path, SortedMap<String, String> params, Map<String, String> lowerCaseHeaders,
            String[] signedHeaders, String payloadHash) {
        StringBuilder sb = new StringBuilder().append(method).append('\n').append(path).append('\n')
                .append(canonicalQuery(params)).append('\n');
        for (String name : signedHeaders) {
            String value = lowerCaseHeaders.get(name);
            sb.append(name).append(':').append(value == null ? "" : value.trim()).append('\n');
        }
        return sb.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash).toString();
    }

    static String v3Signature(String canonicalRequest, String secret) {
        String stringToSign = "ACS3-HMAC-SHA256\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), stringToSign));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares signatures in constant time. */
    static boolean matches(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
