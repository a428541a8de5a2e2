package io.github.camelaliyun.vod.aijob;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;

/**
 * Refuses number and duration option values that are not numbers or durations, before Camel binds them. Camel reads
 * the text of an {@code int}/{@code long} option with {@code TimeUtils.toMilliSeconds} and of a {@code Duration}
 * option with its {@code DurationConverter}; both turn text they do not understand ({@code abc}, {@code ten},
 * {@code 1.5}) into 0 without a word, and 0 means "wait for ever" or "no limit" for several options here. The
 * component hands Camel {@link EndpointConfigurer} and {@link ComponentConfigurer}, the generated configurers with
 * this check in front, so URIs, component options, Camel Main and Spring Boot properties are all checked.
 */
final class NumberOptionText {

    /** What Camel's TimeUtils reads correctly: units in this order, each at most once, such as 1h30m or 500ms. */
    private static final Pattern CAMEL_DURATION = Pattern.compile("(\\d+d)?(\\d+h)?(\\d+m(?!s))?(\\d+s)?(\\d+ms)?");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private NumberOptionText() {
    }

    /**
     * Checks the text given for a whole-number or duration option: {@code long} options (the timeouts, delays and
     * intervals, and Camel's scheduler options) take a number of milliseconds or a duration, {@code int} ones (counts
     * and sizes) a whole number, {@code double} ones a decimal number (Camel refuses those too, without quoting the
     * text), and numbers too large for their type are refused (Camel would say "For input string", or wrap around).
     * Enum options take one of their constants (in any case). Other types, values that are not text and bean
     * references are left to Camel, which already refuses bad booleans.
     *
     * @return the value to bind: number text without the spaces around it (Camel would read {@code " 5"} as 0)
     * @throws IllegalArgumentException naming the option, the text given and what is expected
     */
    static Object check(String name, Class<?> type, Object value) {
        if (!(value instanceof String text) || text.startsWith("#") || type == null) {
            return value;
        }
        String trimmed = text.trim();
        if (type.isEnum()) {
            checkEnum(name, type, trimmed, text);
            return value;
        }
        if (type == double.class || type == Double.class) {
            if (!DECIMAL.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("Invalid " + name + " '" + text + "': expected a number such as"
                                                   + " 2 or 1.5");
            }
        } else if (!isWholeNumberType(type)) {
            return value;
        } else if (type == long.class || type == Long.class) {
            if (!isDuration(trimmed)) {
                throw new IllegalArgumentException("Invalid " + name + " '" + text + "': expected a number of"
                                                   + " milliseconds (such as 30000) or a duration such as 30s, 5m,"
                                                   + " 1h30m or 500ms");
            }
            checkRange(name, text, trimmed, Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("Invalid " + name + " '" + text + "': expected a whole number");
        } else if (type == short.class || type == Short.class) {
            checkRange(name, text, trimmed, Short.MIN_VALUE, Short.MAX_VALUE);
        } else {
            checkRange(name, text, trimmed, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return trimmed;
    }

    private static void checkRange(String name, String text, String trimmed, long min, long max) {
        if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
            return; // a duration such as 30s
        }
        BigInteger number = new BigInteger(trimmed);
        if (number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException("Invalid " + name + " '" + text + "': too large (at most " + max + ")");
        }
        if (number.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new IllegalArgumentException("Invalid " + name + " '" + text + "': too small (at least " + min + ")");
        }
    }

    /** Camel's enum conversion takes a constant's name in any case, with or without dashes ({@code list-ai-jobs}). */
    private static void checkEnum(String name, Class<?> type, String trimmed, String text) {
        String wanted = trimmed.replace("-", "").toLowerCase(Locale.ROOT);
        Object[] constants = type.getEnumConstants();
        boolean known = Arrays.stream(constants)
                .anyMatch(c -> ((Enum<?>) c).name().replace("-", "").toLowerCase(Locale.ROOT).equals(wanted));
        if (!known) {
            throw new IllegalArgumentException("Invalid " + name + " '" + text + "': use one of "
                                               + Arrays.stream(constants).map(c -> ((Enum<?>) c).name())
                                                       .collect(Collectors.joining(", ")));
        }
    }

    static boolean isDuration(String text) {
        if (WHOLE_NUMBER.matcher(text).matches()) {
            return true;
        }
        return !text.isEmpty() && CAMEL_DURATION.matcher(text).matches();
    }

    private static boolean isWholeNumberType(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
               || type == short.class || type == Short.class;
    }

    /** The generated endpoint configurer, with the check in front. */
    static final class EndpointConfigurer extends VodAiJobEndpointConfigurer {
        @Override
        public boolean configure(CamelContext camelContext, Object obj, String name, Object value, boolean ignoreCase) {
            return super.configure(camelContext, obj, name, check(name, getOptionType(name, ignoreCase), value),
                    ignoreCase);
        }
    }

    /** The generated component configurer, with the check in front. */
    static final class ComponentConfigurer extends VodAiJobComponentConfigurer {
        @Override
        public boolean configure(CamelContext camelContext, Object obj, String name, Object value, boolean ignoreCase) {
            return super.configure(camelContext, obj, name, check(name, getOptionType(name, ignoreCase), value),
                    ignoreCase);
        }
    }
}
