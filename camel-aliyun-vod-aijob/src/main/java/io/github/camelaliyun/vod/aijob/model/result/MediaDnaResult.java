package io.github.camelaliyun.vod.aijob.model.result;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The result of a fingerprinting job ({@code AIMediaDNA}): the videos of the library found similar, each with its
 * similarity and shared stretches. No match ({@code VideoDNA} missing or empty) is an empty list. Immutable.
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
                creatorVisibility = Visibility.NONE)
public final class MediaDnaResult {

    /** No match: also what a job of another type, or one without {@code Data}, gives. */
    public static final MediaDnaResult EMPTY = new MediaDnaResult(List.of());

    private final List<DnaMatch> matches;

    public MediaDnaResult(List<DnaMatch> matches) {
        this.matches = List.copyOf(matches);
    }

    /**
     * Reads the {@code Data} of a fingerprinting job, as ListAIJob, the AIMediaDNAComplete event or
     * GetMediaDNAResult give it: numbers and times (seconds) as strings or numbers.
     *
     * @throws IllegalArgumentException naming the field that cannot be read, such as {@code VideoDNA[0].Similarity}
     */
    public static MediaDnaResult fromData(JsonNode data) {
        DataFields.object(data, "Data");
        List<JsonNode> items = DataFields.items(data, "VideoDNA", "VideoDNA");
        List<DnaMatch> matches = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = "VideoDNA[" + i + "]";
            JsonNode item = DataFields.object(items.get(i), path);
            BigDecimal similarity = DataFields.number(item, "Similarity", path);
            if (similarity == null) {
                throw new IllegalArgumentException(path + " has no Similarity");
            }
            List<JsonNode> details = DataFields.items(item, "Detail", path + ".Detail");
            List<DnaSegment> segments = new ArrayList<>(details.size());
            for (int d = 0; d < details.size(); d++) {
                String detailPath = path + ".Detail[" + d + "]";
                JsonNode detail = DataFields.object(details.get(d), detailPath);
                segments.add(new DnaSegment(range(detail, "Input", detailPath), range(detail, "Duplication", detailPath)));
            }
            matches.add(new DnaMatch(DataFields.requiredText(item, "PrimaryKey", path), similarity.doubleValue(),
                    segments));
        }
        return new MediaDnaResult(matches);
    }

    private static TimeRange range(JsonNode detail, String field, String path) {
        String rangePath = path + "." + field;
        JsonNode node = detail.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(path + " has no " + field);
        }
        DataFields.object(node, rangePath);
        return new TimeRange(seconds(node, "Start", rangePath), seconds(node, "Duration", rangePath));
    }

    private static Duration seconds(JsonNode node, String field, String path) {
        BigDecimal value = DataFields.number(node, field, path);
        if (value == null) {
            throw new IllegalArgumentException(path + " has no " + field);
        }
        return DataFields.seconds(value, path + "." + field);
    }

    /** The similar videos, in the service's order. */
    @JsonProperty("matches")
    public List<DnaMatch> getMatches() {
        return matches;
    }

    /** The matches at least this similar (0.9 for 90 %), most similar first. */
    public List<DnaMatch> matchesAtLeast(double threshold) {
        return matches.stream().filter(m -> m.isAtLeast(threshold))
                .sorted(Comparator.comparingDouble(DnaMatch::getSimilarity).reversed()).toList();
    }

    /** The highest similarity found, 0 when nothing matched: {@code ${body.mediaDnaResult.maxSimilarity} >= 0.9}. */
    public double getMaxSimilarity() {
        return matches.stream().mapToDouble(DnaMatch::getSimilarity).max().orElse(0);
    }

    /** {@code true} when no similar video was found. */
    public boolean isEmpty() {
        return matches.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDnaResult other && matches.equals(other.matches);
    }

    @Override
    public int hashCode() {
        return matches.hashCode();
    }

    @Override
    public String toString() {
        return "MediaDnaResult" + matches;
    }
}
