package io.github.camelaliyun.vod.aijob.model;

/** A job SubmitAIJob created: one per requested type. Its status is for ListAIJob (or the consumer) to tell. */
public record SubmittedAiJob(String jobId, String mediaId, String type) {
}
