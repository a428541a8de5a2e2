package io.github.camelaliyun.vod.aijob.client.mns;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelaliyun.vod.aijob.events.QueuedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** What a message of VOD's queue says: raw JSON or its Base64, other event types ignored, the rest poison. */
class QueuedEventTest {

    private static final String EVENT = "{\"EventTime\":\"2026-12-03T05:30:00Z\",\"EventType\":\"AIMediaDNAComplete\","
                                        + "\"JobId\":\"job-1\",\"MediaId\":\"m1\",\"Status\":\"success\"}";

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void anAiJobEventAsJsonOrAsItsBase64(boolean base64) {
        String body = base64 ? Base64.getEncoder().encodeToString(EVENT.getBytes(StandardCharsets.UTF_8)) : EVENT;

        QueuedEvent event = QueuedEvent.parse(body);

        assertThat(event.kind()).isEqualTo(QueuedEvent.Kind.AI_JOB);
        assertThat(event.jobId()).isEqualTo("job-1");
        assertThat(event.type()).isEqualTo("AIMediaDNAComplete");
    }

    @ParameterizedTest
    @ValueSource(strings = { "VideoAIComplete", "AIMediaAuditComplete", "FileUploadComplete", "SomethingNew" })
    void otherEventTypesAreIgnoredNotFailed(String type) {
        QueuedEvent event = QueuedEvent.parse("{\"EventType\":\"" + type + "\",\"JobId\":\"j\"}");

        assertThat(event.kind()).isEqualTo(QueuedEvent.Kind.OTHER_TYPE);
        assertThat(event.type()).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all|not a JSON object",
        "[1,2]|not a JSON object",
        "{\"EventType\":\"AIVideoTagComplete\"}|without a usable JobId",
        "{\"JobId\":\"j1\"}|without EventType",
        "{\"EventType\":\"AIVideoTagComplete\",\"JobId\":\"  \"}|without a usable JobId",
        "{truncated|not a JSON object" })
    void aMessageThatIsNoEventIsPoison(String body, String problem) {
        QueuedEvent event = QueuedEvent.parse(body);

        assertThat(event.kind()).isEqualTo(QueuedEvent.Kind.POISON);
        assertThat(event.problem()).contains(problem);
    }
}
