package io.github.camelaliyun.vod.aijob.model.result;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A video of the fingerprint library found similar to the job's video ({@code VideoDNA} item): its id, how similar
 * it is, and the stretches the two share. Immutable.
 * <p>
 * The similarity is a {@link BigDecimal}: the service sends it as decimal text ({@code "0.99"}, {@code "1"}), and a
 * {@code BigDecimal} keeps exactly that, so that a threshold of {@code 0.95} compares as written and the JSON shows
 * the value the service sent (a {@code double} would do for comparing, but not promise either).
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
                creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({ "primaryKey", "similarity", "segments" })
public final class DnaMatch {

    private final String primaryKey;
    private final BigDecimal similarity;
    private final List<DnaSegment> segments;

    public DnaMatch(String primaryKey, BigDecimal similarity, List<DnaSegment> segments) {
        this.primaryKey = Objects.requireNonNull(primaryKey, "primaryKey");
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.segments = List.copyOf(segments);
    }

    /** The id of the similar video ({@code PrimaryKey}): a media id of the library. */
    @JsonProperty("primaryKey")
    public String getPrimaryKey() {
        return primaryKey;
    }

    /** From 0 to 1; 1 means identical. */
    @JsonProperty("similarity")
    public BigDecimal getSimilarity() {
        return similarity;
    }

    /** {@code true} when {@link #getSimilarity()} is at least {@code threshold} (such as 0.9). */
    public boolean isAtLeast(double threshold) {
        return similarity.compareTo(BigDecimal.valueOf(threshold)) >= 0;
    }

    /** The stretches the two videos share ({@code Detail}). */
    @JsonProperty("segments")
    public List<DnaSegment> getSegments() {
        return segments;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DnaMatch other && primaryKey.equals(other.primaryKey)
                && similarity.compareTo(other.similarity) == 0 && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(primaryKey, similarity.stripTrailingZeros());
    }

    @Override
    public String toString() {
        return primaryKey + " " + similarity.toPlainString();
    }
}
