package io.github.camelaliyun.vod.aijob.model.result;

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
 * The similarity is a {@code double}, read from the service's decimal text ({@code "0.99"}, {@code "1"}). A
 * {@code BigDecimal} would keep that text exactly, but Camel's simple language compares it wrongly with a number
 * literal ({@code ${body.similarity} >= 0.9} is true for 0.5 and {@code > 0.9} false for 0.95, Camel 4.22), and a
 * filter on similarity is the point of this class; two decimals between 0 and 1 need no more than a double.
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
                creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({ "primaryKey", "similarity", "segments" })
public final class DnaMatch {

    private final String primaryKey;
    private final double similarity;
    private final List<DnaSegment> segments;

    public DnaMatch(String primaryKey, double similarity, List<DnaSegment> segments) {
        this.primaryKey = Objects.requireNonNull(primaryKey, "primaryKey");
        this.similarity = similarity;
        this.segments = List.copyOf(segments);
    }

    /** The id of the similar video ({@code PrimaryKey}): a media id of the library. */
    @JsonProperty("primaryKey")
    public String getPrimaryKey() {
        return primaryKey;
    }

    /** From 0 to 1; 1 means identical. */
    @JsonProperty("similarity")
    public double getSimilarity() {
        return similarity;
    }

    /** {@code true} when {@link #getSimilarity()} is at least {@code threshold} (such as 0.9). */
    public boolean isAtLeast(double threshold) {
        return similarity >= threshold;
    }

    /** The stretches the two videos share ({@code Detail}). */
    @JsonProperty("segments")
    public List<DnaSegment> getSegments() {
        return segments;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DnaMatch other && primaryKey.equals(other.primaryKey)
                && Double.compare(similarity, other.similarity) == 0 && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(primaryKey, similarity);
    }

    @Override
    public String toString() {
        return primaryKey + " " + similarity;
    }
}
