package io.github.camelaliyun.vod.aijob.model.result;

import java.time.Duration;
import java.util.List;

/** How the result classes write times in JSON: ISO-8601, as {@link Duration#toString()} does, like the job's instants. */
final class Durations {

    private Durations() {
    }

    static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    static List<String> iso(List<Duration> durations) {
        return durations.stream().map(Duration::toString).toList();
    }
}
