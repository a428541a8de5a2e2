package io.github.camelaliyun.vod.aijob.client.credentials;

import java.util.regex.Pattern;

/** The checks on what a role session is asked with: its name and how long it lasts. */
final class RoleSettings {

    static final int DEFAULT_DURATION_SECONDS = 3600;
    static final int MIN_DURATION_SECONDS = 900;
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9.@_-]{2,64}");

    private RoleSettings() {
    }

    /** The given name, checked, or a generated one when none is given. */
    static String sessionName(String value, String source) {
        if (value == null) {
            return "camel-aivod-aijob-" + System.currentTimeMillis();
        }
        if (!SESSION_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(source + " '" + value + "' is not a valid role session name: 2 to 64"
                                               + " characters among A-Z a-z 0-9 . @ _ -");
        }
        return value;
    }

    /** Seconds, at least 900; the default (3600) when none is given. */
    static int durationSeconds(String value, String source) {
        if (value == null) {
            return DEFAULT_DURATION_SECONDS;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " '" + value + "' is not a number of seconds");
        }
        if (seconds < MIN_DURATION_SECONDS) {
            throw new IllegalArgumentException(source + " " + seconds + " is too short: STS issues credentials for "
                                               + MIN_DURATION_SECONDS + " seconds at least");
        }
        return seconds;
    }
}
