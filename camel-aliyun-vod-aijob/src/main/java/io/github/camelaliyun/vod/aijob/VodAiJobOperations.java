package io.github.camelaliyun.vod.aijob;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a producer endpoint does with a message; set by the {@code operation} option or the operation header. */
public enum VodAiJobOperations {

    /** Look up the jobs whose ids are in the message (ListAIJob, batched). */
    listAiJobs,
    /** Add the ids in the message to the job store of the endpoint's label, for its consumer to watch. */
    track,
    /** Remove the ids in the message from the job store of the endpoint's label. */
    untrack,
    /** Start AI jobs on the video whose id is in the message (SubmitAIJob): one job per type in jobTypes. */
    submitAiJob,
    /**
     * Receive one of VOD's event callbacks from an HTTP consumer (body and headers): verify its signature and make
     * the finished job due now in the job store, for the label's consumer to confirm and deliver.
     */
    vodEvent,
    /**
     * Tell VOD where to post its event callbacks (SetMessageCallback): an HTTP callback to callbackUrl, signed with
     * authKey, for the events of callbackEventTypes. Run it once (at start, say); it is idempotent.
     */
    setMessageCallback;

    /** The operations' names, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
