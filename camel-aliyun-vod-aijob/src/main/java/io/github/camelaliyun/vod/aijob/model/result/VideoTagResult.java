package io.github.camelaliyun.vod.aijob.model.result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The result of a smart-tagging job ({@code AIVideoTag}): its tags by category, each with its times, and the
 * sentences of the speech recognised when the job's {@code Config} asked for them ({@code AnalyseTypes} with
 * {@code ASR} and {@code OrigASRData: true}). Immutable; a category the service left out is an empty list.
 * <p>
 * The category {@code Time} (tags about time, such as "night") is {@link #getTimeTags()}, so as not to be confused
 * with the times at which a tag appears, {@link VideoTag#getTimes()}.
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
                creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({ "persons", "keywords", "locations", "timeTags", "categories", "asrDuration", "asrSentences" })
public final class VideoTagResult {

    /** No tags and no speech: a job of another type, or one without {@code Data}. */
    public static final VideoTagResult EMPTY = new VideoTagResult(List.of(), List.of(), List.of(), List.of(),
            List.of(), null, List.of());

    private final List<VideoTag> persons;
    private final List<VideoTag> keywords;
    private final List<VideoTag> locations;
    private final List<VideoTag> timeTags;
    private final List<VideoTag> categories;
    private final Duration asrDuration;
    private final List<AsrSentence> asrSentences;

    public VideoTagResult(List<VideoTag> persons, List<VideoTag> keywords, List<VideoTag> locations,
                          List<VideoTag> timeTags, List<VideoTag> categories, Duration asrDuration,
                          List<AsrSentence> asrSentences) {
        this.persons = List.copyOf(persons);
        this.keywords = List.copyOf(keywords);
        this.locations = List.copyOf(locations);
        this.timeTags = List.copyOf(timeTags);
        this.categories = List.copyOf(categories);
        this.asrDuration = asrDuration;
        this.asrSentences = List.copyOf(asrSentences);
    }

    /**
     * Reads the {@code Data} of a smart-tagging job, as ListAIJob, the AIVideoTagComplete event or
     * GetAIVideoTagResult give it.
     *
     * @throws IllegalArgumentException naming the field that cannot be read, such as {@code Keyword[1].Times[0]}
     */
    public static VideoTagResult fromData(JsonNode data) {
        DataFields.object(data, "Data");
        List<AsrSentence> sentences = new ArrayList<>();
        Duration duration = null;
        // an object in every published example, an array in the parameter table: both are read
        List<JsonNode> blocks = DataFields.items(data, "OrigASRData", "OrigASRData");
        for (int b = 0; b < blocks.size(); b++) {
            String path = blocks.size() == 1 && data.get("OrigASRData").isObject() ? "OrigASRData"
                    : "OrigASRData[" + b + "]";
            JsonNode block = DataFields.object(blocks.get(b), path);
            if (block.has("AsrTextList") || block.has("Duration")) {
                Duration d = DataFields.millis(DataFields.number(block, "Duration", path), path + ".Duration");
                duration = d == null || (duration != null && duration.compareTo(d) > 0) ? duration : d;
                List<JsonNode> list = DataFields.items(block, "AsrTextList", path + ".AsrTextList");
                for (int i = 0; i < list.size(); i++) {
                    sentences.add(sentence(list.get(i), path + ".AsrTextList[" + i + "]"));
                }
            } else {
                sentences.add(sentence(block, path)); // an array of the sentences themselves
            }
        }
        return new VideoTagResult(tags(data, VideoTag.PERSON), tags(data, VideoTag.KEYWORD),
                tags(data, VideoTag.LOCATION), tags(data, VideoTag.TIME), tags(data, VideoTag.CATEGORY), duration,
                sentences);
    }

    private static List<VideoTag> tags(JsonNode data, String category) {
        List<JsonNode> items = DataFields.items(data, category, category);
        List<VideoTag> tags = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = category + "[" + i + "]";
            JsonNode item = DataFields.object(items.get(i), path);
            tags.add(new VideoTag(category, DataFields.requiredText(item, "Tag", path),
                    DataFields.times(item, "Times", path), DataFields.text(item, "FaceUrl")));
        }
        return tags;
    }

    private static AsrSentence sentence(JsonNode node, String path) {
        DataFields.object(node, path);
        return new AsrSentence(DataFields.millis(DataFields.number(node, "StartTime", path), path + ".StartTime"),
                DataFields.millis(DataFields.number(node, "EndTime", path), path + ".EndTime"),
                DataFields.text(node, "Text"), DataFields.integer(node, "ChannelId", path),
                DataFields.integer(node, "SpeechRate", path));
    }

    /** People recognised ({@code Person}), each with a face image. */
    @JsonProperty("persons")
    public List<VideoTag> getPersons() {
        return persons;
    }

    @JsonProperty("keywords")
    public List<VideoTag> getKeywords() {
        return keywords;
    }

    @JsonProperty("locations")
    public List<VideoTag> getLocations() {
        return locations;
    }

    /** The service's {@code Time} category: tags about time, such as "night". */
    @JsonProperty("timeTags")
    public List<VideoTag> getTimeTags() {
        return timeTags;
    }

    /** The service's {@code Category}: what kind of video it is. */
    @JsonProperty("categories")
    public List<VideoTag> getCategories() {
        return categories;
    }

    /** Every tag: persons, keywords, locations, time tags, then categories ({@link VideoTag#getCategory()} says which). */
    public List<VideoTag> getTags() {
        return Stream.of(persons, keywords, locations, timeTags, categories).flatMap(List::stream).toList();
    }

    /** The text of every tag, in the order of {@link #getTags()}, without repeats. */
    public List<String> getTagNames() {
        return getTags().stream().map(VideoTag::getTag).distinct().toList();
    }

    /** The length of the recognised audio ({@code OrigASRData.Duration}); {@code null} without speech data. */
    public Duration getAsrDuration() {
        return asrDuration;
    }

    @JsonProperty("asrDuration")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private String asrDurationText() {
        return Durations.iso(asrDuration);
    }

    /** The sentences recognised, in the order given; empty unless the job's Config asked for them. */
    @JsonProperty("asrSentences")
    public List<AsrSentence> getAsrSentences() {
        return asrSentences;
    }

    /** The sentences' text joined by spaces, for a filter such as {@code ${body.videoTagResult.asrText} contains 'refund'}. */
    public String getAsrText() {
        return asrSentences.stream().map(AsrSentence::getText).filter(t -> !t.isBlank())
                .collect(Collectors.joining(" "));
    }

    /** {@code true} when there is neither a tag nor a sentence. */
    public boolean isEmpty() {
        return getTags().isEmpty() && asrSentences.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoTagResult other && persons.equals(other.persons) && keywords.equals(other.keywords)
                && locations.equals(other.locations) && timeTags.equals(other.timeTags)
                && categories.equals(other.categories) && Objects.equals(asrDuration, other.asrDuration)
                && asrSentences.equals(other.asrSentences);
    }

    @Override
    public int hashCode() {
        return Objects.hash(persons, keywords, locations, timeTags, categories, asrSentences);
    }

    @Override
    public String toString() {
        return "VideoTagResult[tags=" + getTagNames() + ", sentences=" + asrSentences.size() + "]";
    }
}
