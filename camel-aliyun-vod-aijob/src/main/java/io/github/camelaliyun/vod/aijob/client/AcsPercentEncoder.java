package io.github.camelaliyun.vod.aijob.client;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as Alibaba Cloud signatures define it (RFC 3986 unreserved set): only {@code A-Z a-z 0-9 - _ . ~}
 * stay as they are, everything else becomes {@code %XX} of its UTF-8 bytes, so a space is {@code %20} and {@code *}
 * is {@code %2A}. {@link java.net.URLEncoder} differs on all three of space, {@code *} and {@code ~}, and costs a
 * string rewrite to fix, so this is done in one pass.
 */
public final class AcsPercentEncoder {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AcsPercentEncoder() {
    }

    public static String encode(String value) {
        int length = value.length();
        int i = 0;
        while (i < length && isUnreserved(value.charAt(i))) {
            i++;
        }
        if (i == length) {
            return value;
        }
        StringBuilder out = new StringBuilder(length + 16);
        out.append(value, 0, i);
        byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : rest) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0x0F]).append(HEX[b & 0x0F]);
            }
        }
        return out.toString();
    }

    /**
     * Appends {@code encode(encode(value))} in one pass, as the RPC string to sign needs it: an unreserved byte stays,
     * any other becomes {@code %25XY} (its {@code %XY}, with the {@code %} encoded again).
     */
    static void appendEncodedTwice(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isUnreserved(c)) {
                out.append(c);
            } else if (c < 0x80) {
                out.append("%25").append(HEX[(c >> 4) & 0x0F]).append(HEX[c & 0x0F]);
            } else {
                // non-ASCII: its UTF-8 bytes, each encoded twice
                int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append("%25").append(HEX[(b >> 4) & 0x0F]).append(HEX[b & 0x0F]);
                }
                i = end - 1;
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
