package io.github.camelaliyun.vod.emulator;

import java.time.Duration;

/**
 * Decides how a job created by SubmitAIJob behaves: the test sets its schedule and result. A job that succeeds without
 * {@link EmulatedJob.Builder#succeedsWith(String)} gets the {@code Data} of {@link EmulatedResults}, shaped by the
 * {@code Config} of the SubmitAIJob call (unless the factory set one with {@link EmulatedJob.Builder#config(String)}).
 */
@FunctionalInterface
public interface SubmittedJobFactory {

    EmulatedJob create(String jobId, String mediaId, String type);

    /** The default: the job succeeds one second after it is submitted, with Data like the service's. */
    static SubmittedJobFactory finishingAfterOneSecond() {
        return (jobId, mediaId, type) -> EmulatedJob.builder(jobId).mediaId(mediaId).type(type)
                .processingAfter(Duration.ofMillis(200)).finishAfter(Duration.ofSeconds(1)).build();
    }
}
