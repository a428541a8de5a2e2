package io.github.camelaliyun.vod.aijob.model.result;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One repeated stretch of a fingerprint match ({@code Detail}): where it is in the video the job ran on
 * ({@code Input}) and where in the similar video ({@code Duplication}). Immutable.
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
                creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({ "input", "duplication" })
public final class DnaSegment {

    private final TimeRange input;
    private final TimeRange duplication;

    public DnaSegment(TimeRange input, TimeRange duplication) {
        this.input = Objects.requireNonNull(input, "input");
        this.duplication = Objects.requireNonNull(duplication, "duplication");
    }

    /** The stretch of the video the job ran on. */
    @JsonProperty("input")
    public TimeRange getInput() {
        return input;
    }

    /** The same stretch in the similar video. */
    @JsonProperty("duplication")
    public TimeRange getDuplication() {
        return duplication;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DnaSegment other && input.equals(other.input) && duplication.equals(other.duplication);
    }

    @Override
    public int hashCode() {
        return Objects.hash(input, duplication);
    }

    @Override
    public String toString() {
        return input + " ~ " + duplication;
    }
}
