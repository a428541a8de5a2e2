package io.github.camelaliyun.vod.aijob.model.result;

import java.time.Duration;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One sentence of the speech recognised in a video ({@code OrigASRData.AsrTextList}): when it was said, the text, the
 * audio channel and the speech rate in characters a minute. Immutable; {@link #toString()} is the text.
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
                creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({ "start", "end", "text", "channelId", "speechRate" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class AsrSentence {

    private final Duration start;
    private final Duration end;
    private final String text;
    private final Integer channelId;
    private final Integer speechRate;

    public AsrSentence(Duration start, Duration end, String text, Integer channelId, Integer speechRate) {
        this.start = start;
        this.end = end;
        this.text = text == null ? "" : text;
        this.channelId = channelId;
        this.speechRate = speechRate;
    }

    /** From the start of the video; {@code null} if the service gave none. */
    public Duration getStart() {
        return start;
    }

    public Duration getEnd() {
        return end;
    }

    @JsonProperty("start")
    private String startText() {
        return Durations.iso(start);
    }

    @JsonProperty("end")
    private String endText() {
        return Durations.iso(end);
    }

    @JsonProperty("text")
    public String getText() {
        return text;
    }

    /** The audio channel, {@code null} if not given. */
    @JsonProperty("channelId")
    public Integer getChannelId() {
        return channelId;
    }

    /** Characters a minute, {@code null} if not given. */
    @JsonProperty("speechRate")
    public Integer getSpeechRate() {
        return speechRate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsrSentence other && Objects.equals(start, other.start) && Objects.equals(end, other.end)
                && text.equals(other.text) && Objects.equals(channelId, other.channelId)
                && Objects.equals(speechRate, other.speechRate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, text);
    }

    @Override
    public String toString() {
        return text;
    }
}
