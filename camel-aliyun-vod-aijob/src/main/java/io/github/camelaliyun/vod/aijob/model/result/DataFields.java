package io.github.camelaliyun.vod.aijob.model.result;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the fields of a job's {@code Data} the lenient way the service's own documents require: numbers may come as
 * strings ({@code "10760"}, {@code "0.99"}) or as numbers, a list may come as one object, and a {@code Times} entry may
 * itself be a stringified array ({@code "[\"10760\"]"}). What cannot be read fails with an
 * {@link IllegalArgumentException} naming the field's path ({@code Keyword[1].Times[0]}) and the text found.
 */
final class DataFields {

    private static final ObjectMapper NESTED = new ObjectMapper();

    private DataFields() {
    }

    /** The items of an array; one object counts as one item; missing or {@code null} is none. */
    static List<JsonNode> items(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>(node.size());
            node.forEach(items::add);
            return items;
        }
        if (node.isObject()) {
            return List.of(node);
        }
        throw new IllegalArgumentException(path + " should be a list, not " + describe(node));
    }

    static JsonNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " should be an object, not " + describe(node));
        }
        return node;
    }

    /** A text field, a number read as its text; {@code null} when missing. */
    static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    static String requiredText(JsonNode parent, String field, String path) {
        String text = text(parent, field);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(path + " has no " + field);
        }
        return text;
    }

    /** A decimal number, sent as a number or as a string holding one; {@code null} when missing. */
    static BigDecimal number(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return number(node, path + "." + field);
    }

    static BigDecimal number(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(path + " should be a number, not \"" + node.asText() + "\"");
            }
        }
        throw new IllegalArgumentException(path + " should be a number, not " + describe(node));
    }

    static Integer integer(JsonNode parent, String field, String path) {
        BigDecimal value = number(parent, field, path);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(path + "." + field + " should be a whole number, not " + value);
        }
    }

    /** Milliseconds (smart tagging's times) as a {@link Duration}. */
    static Duration millis(BigDecimal millis, String path) {
        return duration(millis, 6, path);
    }

    /** Seconds (fingerprinting's times) as a {@link Duration}. */
    static Duration seconds(BigDecimal seconds, String path) {
        return duration(seconds, 9, path);
    }

    private static Duration duration(BigDecimal value, int toNanos, String path) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(path + " should not be negative: " + value.toPlainString());
        }
        try {
            return Duration.ofNanos(value.movePointRight(toNanos).setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(path + " is too large for a duration: " + value.toPlainString());
        }
    }

    /**
     * The millisecond entries of a {@code Times} list. An entry that is itself a stringified JSON array (as on the
     * GetAIVideoTagResult page: {@code ["[\"10760\"]"]}) gives its own entries.
     */
    static List<Duration> times(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<Duration> times = new ArrayList<>();
        addTimes(node, path + "." + field, times);
        return times;
    }

    private static void addTimes(JsonNode node, String path, List<Duration> times) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                addTimes(node.get(i), path + "[" + i + "]", times);
            }
        } else if (node.isTextual() && node.asText().trim().startsWith("[")) {
            JsonNode inner;
            try {
                inner = NESTED.readTree(node.asText());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(path + " should be milliseconds, not \"" + node.asText() + "\"");
            }
            addTimes(inner, path, times);
        } else if (!node.isNull()) {
            times.add(millis(number(node, path), path));
        }
    }

    static String describe(JsonNode node) {
        String text = node.toString();
        String kind = node.isArray() ? "a list" : node.isObject() ? "an object" : node.isTextual() ? "a text" : "a value";
        return kind + " (" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + ")";
    }
}
