package io.github.camelaliyun.vod.aijob.model.result;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One tag of a smart-tagging result: its text, the moments of the video where it was seen or heard, and for a person
 * the URL of a face image. Immutable. Its {@link #toString()} is the tag's text, so that a list of tags logs as
 * {@code [cooking, travel]}.
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
                creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({ "tag", "times", "faceUrl" })
public final class VideoTag {

    /** The categories of {@code Data}, by the service's names: each is a list of tags there. */
    public static final String PERSON = "Person";
    public static final String KEYWORD = "Keyword";
    public static final String LOCATION = "Location";
    public static final String TIME = "Time";
    public static final String CATEGORY = "Category";

    private final String category;
    private final String tag;
    private final List<Duration> times;
    private final String faceUrl;

    public VideoTag(String category, String tag, List<Duration> times, String faceUrl) {
        this.category = Objects.requireNonNull(category, "category");
        this.tag = Objects.requireNonNull(tag, "tag");
        this.times = List.copyOf(times);
        this.faceUrl = faceUrl;
    }

    /** {@link #PERSON}, {@link #KEYWORD}, {@link #LOCATION}, {@link #TIME} or {@link #CATEGORY}. */
    public String getCategory() {
        return category;
    }

    @JsonProperty("tag")
    public String getTag() {
        return tag;
    }

    /** Where in the video the tag appears, from its start; empty when the service gave no times (categories). */
    public List<Duration> getTimes() {
        return times;
    }

    @JsonProperty("times")
    private List<String> timesText() {
        return Durations.iso(times);
    }

    /** A face image of the person; {@code null} for other categories. */
    @JsonProperty("faceUrl")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String getFaceUrl() {
        return faceUrl;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoTag other && category.equals(other.category) && tag.equals(other.tag)
                && times.equals(other.times) && Objects.equals(faceUrl, other.faceUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(category, tag, times);
    }

    @Override
    public String toString() {
        return tag;
    }
}
