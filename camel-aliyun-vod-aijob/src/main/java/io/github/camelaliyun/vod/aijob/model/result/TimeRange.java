package io.github.camelaliyun.vod.aijob.model.result;

import java.time.Duration;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A stretch of a video: where it starts and how long it lasts. Immutable. */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
                creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({ "start", "duration" })
public final class TimeRange {

    private final Duration start;
    private final Duration duration;

    public TimeRange(Duration start, Duration duration) {
        this.start = Objects.requireNonNull(start, "start");
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    public Duration getStart() {
        return start;
    }

    public Duration getDuration() {
        return duration;
    }

    public Duration getEnd() {
        return start.plus(duration);
    }

    @JsonProperty("start")
    private String startText() {
        return start.toString();
    }

    @JsonProperty("duration")
    private String durationText() {
        return duration.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeRange other && start.equals(other.start) && duration.equals(other.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, duration);
    }

    @Override
    public String toString() {
        return start + "+" + duration;
    }
}
