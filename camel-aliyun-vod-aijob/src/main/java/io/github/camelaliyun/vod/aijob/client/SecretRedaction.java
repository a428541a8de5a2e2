package io.github.camelaliyun.vod.aijob.client;

/**
 * Takes secrets out of text a server sent back. Alibaba Cloud's servers echo parts of the request in their error
 * messages, and the RPC {@code SignatureDoesNotMatch} message echoes the string to sign, which holds the STS token
 * percent-encoded twice: so each secret is removed raw (a V3 header), encoded once (a query) and encoded twice.
 */
public final class SecretRedaction {

    private SecretRedaction() {
    }

    /** The text with every non-empty secret, in its three forms, replaced by {@code ***}; {@code null} stays null. */
    public static String redact(String text, Iterable<String> secrets) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                String once = AcsPercentEncoder.encode(secret);
                redacted = redacted.replace(secret, "***").replace(once, "***")
                        .replace(AcsPercentEncoder.encode(once), "***");
            }
        }
        return redacted;
    }
}
