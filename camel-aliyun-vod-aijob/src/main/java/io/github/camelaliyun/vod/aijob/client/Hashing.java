package io.github.camelaliyun.vod.aijob.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The digests and the timestamp format both signers need. */
final class Hashing {

    static final HexFormat HEX = HexFormat.of();
    static final DateTimeFormatter ISO_SECONDS_UTC
            = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Hashing() {
    }

    /** Looking a digest or a MAC up in the JCA providers costs more than using it: one of each per thread. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    });
    private static final ThreadLocal<KeyedMac> HMAC_SHA1 = ThreadLocal.withInitial(() -> new KeyedMac("HmacSHA1"));
    private static final ThreadLocal<KeyedMac> HMAC_SHA256 = ThreadLocal.withInitial(() -> new KeyedMac("HmacSHA256"));

    /** A MAC and the key it was last initialised with, so that signing again with the same key skips the init. */
    private static final class KeyedMac {
        private final Mac mac;
        private String key;

        KeyedMac(String algorithm) {
            try {
                this.mac = Mac.getInstance(algorithm);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " is not available in this JVM", e);
            }
        }

        byte[] sign(String key, String data) {
            try {
                if (!key.equals(this.key)) {
                    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), mac.getAlgorithm()));
                    this.key = key;
                }
                return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                this.key = null;
                throw new IllegalStateException("Cannot sign with " + mac.getAlgorithm() + ": " + e.getMessage(), e);
            }
        }
    }

    static String sha256Hex(byte[] data) {
        return HEX.formatHex(SHA256.get().digest(data));
    }

    static byte[] hmac(String algorithm, String key, String data) {
        return ("HmacSHA1".equals(algorithm) ? HMAC_SHA1 : HMAC_SHA256).get().sign(key, data);
    }

    static String timestamp(Instant now) {
        return ISO_SECONDS_UTC.format(now);
    }
}
