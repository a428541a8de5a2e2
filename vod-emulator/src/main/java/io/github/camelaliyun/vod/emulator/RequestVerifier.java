package io.github.camelaliyun.vod.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a call the way the service does: a known access key, a signature (RPC HMAC-SHA1 in the query, or V3
 * ACS3-HMAC-SHA256 in the {@code Authorization} header) that matches, a timestamp within 15 minutes, an unused nonce,
 * and the security token that belongs to a temporary key.
 */
final class RequestVerifier {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    private static final Pattern V3_AUTHORIZATION
            = Pattern.compile("ACS3-HMAC-SHA256\\s+Credential=([^,]+),\\s*SignedHeaders=([^,]+),\\s*Signature=(\\S+)");

    /** An access key; temporary ones come with their token and the time they stop working. */
    private record Key(String secret, String securityToken, Instant expiration) {
    }

    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final UsedNonces usedNonces = new UsedNonces(MAX_CLOCK_SKEW);
    private final Supplier<Instant> clock;

    /** @param clock the server's time, which a test may set apart from the client's */
    RequestVerifier(Supplier<Instant> clock) {
        this.clock = clock;
    }

    void addKey(String accessKeyId, String secret, String securityToken) {
        addKey(accessKeyId, secret, securityToken, null);
    }

    void addKey(String accessKeyId, String secret, String securityToken, Instant expiration) {
        keys.put(accessKeyId, new Key(secret, securityToken, expiration));
    }

    void forgetNonces() {
        usedNonces.clear();
    }

    VerifiedCall verify(String method, SortedMap<String, String> params, Map<String, String> headers, byte[] body) {
        return verify(method, params, params, headers, body);
    }

    /**
     * @param params every parameter, from the query and a form body
     * @param query  the query's alone: V3 signs the query, and a form body only through its hash
     */
    VerifiedCall verify(
            String method, SortedMap<String, String> params, SortedMap<String, String> query,
            Map<String, String> headers, byte[] body) {
        String authorization = headers.get("authorization");
        if (params.containsKey("Signature")) {
            return verifyRpc(method, params);
        }
        if (authorization != null) {
            return verifyV3(method, params, query, headers, body, authorization);
        }
        throw new Rejection(ApiError.missingParameter("Signature"));
    }

    private VerifiedCall verifyRpc(String method, SortedMap<String, String> params) {
        for (String required : new String[] {
                "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Action",
                "Version" }) {
            if (!params.containsKey(required)) {
                throw new Rejection(ApiError.missingParameter(required));
            }
        }
        if (!"HMAC-SHA1".equals(params.get("SignatureMethod")) || !"1.0".equals(params.get("SignatureVersion"))) {
            throw new Rejection(ApiError.incompleteSignature("Only SignatureMethod=HMAC-SHA1 with SignatureVersion=1.0"
                                                             + " is accepted."));
        }
        Key key = key(params.get("AccessKeyId"));
        SortedMap<String, String> signed = new TreeMap<>(params);
        String signature = signed.remove("Signature");
        String stringToSign = Signatures.rpcStringToSign(method, signed);
        if (!Signatures.matches(Signatures.rpcSignature(stringToSign, key.secret()), signature)) {
            throw new Rejection(ApiError.signatureMismatch(stringToSign));
        }
        checkToken(key, params.get("SecurityToken"));
        checkTimestamp(params.get("Timestamp"));
        checkNonce(params.get("SignatureNonce"));
        SortedMap<String, String> apiParams = new TreeMap<>(params);
        for (String common : new String[] {
                "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature",
                "SecurityToken", "Format", "Action", "Version" }) {
            apiParams.remove(common);
        }
        return new VerifiedCall(params.get("Action"), params.get("Version"), apiParams, params.get("AccessKeyId"), "RPC");
    }

    private VerifiedCall verifyV3(
            String method, SortedMap<String, String> params, SortedMap<String, String> query,
            Map<String, String> headers, byte[] body, String authorization) {
        Matcher m = V3_AUTHORIZATION.matcher(authorization.trim());
        if (!m.matches()) {
            throw new Rejection(ApiError.incompleteSignature("The Authorization header is not ACS3-HMAC-SHA256"
                                                             + " Credential=...,SignedHeaders=...,Signature=..."));
        }
        String accessKeyId = m.group(1);
        String[] signedHeaders = m.group(2).split(";");
        for (String required : new String[] {
                "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256" }) {
            if (!headers.containsKey(required)) {
                throw new Rejection(ApiError.missingParameter(required));
            }
        }
        for (String name : headers.keySet()) {
            if ((name.startsWith("x-acs-") || name.equals("host")) && !contains(signedHeaders, name)) {
                throw new Rejection(ApiError.incompleteSignature("Header " + name + " is not in SignedHeaders."));
            }
        }
        String payloadHash = headers.get("x-acs-content-sha256");
        if (!payloadHash.equals(Signatures.sha256Hex(body))) {
            throw new Rejection(ApiError.incompleteSignature("x-acs-content-sha256 does not match the body."));
        }
        Key key = key(accessKeyId);
        String canonical = Signatures.v3CanonicalRequest(method, "/", query, headers, signedHeaders, payloadHash);
        if (!Signatures.matches(Signatures.v3Signature(canonical, key.secret()), m.group(3))) {
            throw new Rejection(ApiError.signatureMismatch(canonical.replace('\n', '#')));
        }
        checkToken(key, headers.get("x-acs-security-token"));
        checkTimestamp(headers.get("x-acs-date"));
        checkNonce(headers.get("x-acs-signature-nonce"));
        return new VerifiedCall(headers.get("x-acs-action"), headers.get("x-acs-version"), params, accessKeyId, "V3");
    }

    private static boolean contains(String[] values, String value) {
        for (String v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private Key key(String accessKeyId) {
        Key key = keys.get(accessKeyId);
        if (key == null) {
            throw new Rejection(ApiError.accessKeyNotFound());
        }
        return key;
    }

    private void checkToken(Key key, String token) {
        if (!Objects.equals(key.securityToken(), token)) {
            throw new Rejection(ApiError.securityTokenMismatch());
        }
        if (key.expiration() != null && !clock.get().isBefore(key.expiration())) {
            throw new Rejection(ApiError.securityTokenExpired());
        }
    }

    private void checkTimestamp(String value) {
        Instant at;
        try {
            at = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Rejection(ApiError.timestampFormat(value));
        }
        if (Duration.between(at, clock.get()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new Rejection(ApiError.timestampExpired(value));
        }
    }

    private void checkNonce(String nonce) {
        if (!usedNonces.firstUse(nonce, clock.get())) {
            throw new Rejection(ApiError.nonceUsed());
        }
    }
}
