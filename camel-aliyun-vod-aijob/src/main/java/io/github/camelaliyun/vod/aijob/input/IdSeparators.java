package io.github.camelaliyun.vod.aijob.input;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What separates ids (and job types) in a String: commas and any whitespace, Unicode's included. A no-break space
 * (U+00A0, U+2007, U+202F) or an invisible zero-width character (U+200B, U+FEFF, ...) pasted from a document or a
 * spreadsheet separates ids too, rather than gluing two of them into one.
 */
public final class IdSeparators {

    /** ASCII whitespace, Unicode's space separators, and the zero-width characters that show as nothing. */
    private static final Pattern SEPARATORS
            = Pattern.compile("[,\\s\\p{Z}\\u180E\\u200B\\u200C\\u200D\\u2060\\uFEFF]+");

    private IdSeparators() {
    }

    /** The non-empty parts of the text, in order. */
    public static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : SEPARATORS.split(text)) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** The text without whitespace (Unicode's and zero-width) at either end; String.strip() knows only Java's. */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Whether a character is whitespace or a zero-width character: a separator other than the comma. */
    public static boolean isSpace(char c) {
        return c != ',' && SEPARATORS.matcher(String.valueOf(c)).matches();
    }
}
