package io.github.camelaliyun.vod.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The time format of the service's replies: ISO 8601 in UTC, to the second. */
final class EmulatorClock {

    private static final DateTimeFormatter FORMAT
            = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private EmulatorClock() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
