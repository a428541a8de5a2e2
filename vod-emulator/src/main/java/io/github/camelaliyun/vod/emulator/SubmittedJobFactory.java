package io.github.camelaliyun.vod.emulator;

import java.time.Duration;

/** Decides how a job created by SubmitAIJob behaves: the test sets its schedule and result. */
@FunctionalInterface
public interface SubmittedJobFactory {

    EmulatedJob create(String jobId, String mediaId, String type);

    /** The default: the job succeeds one second after it is submitted. */
    static SubmittedJobFactory finishingAfterOneSecond() {
        return (jobId, mediaId, type) -> EmulatedJob.builder(jobId).mediaId(mediaId).type(type)
                .processingAfter(Duration.ofMillis(200)).finishAfter(Duration.ofSeconds(1))
                .succeedsWith("{\"" + type + "\":{\"Emulated\":true}}").build();
    }
}
