package io.github.camelaliyun.vod.aijob;

/** What the consumer does with a watched id the service does not know. */
public enum NonExistentJobsPolicy {
    /** Emit it once as an AiJob with status NOT_FOUND, then forget it once that exchange completed. */
    emit,
    /** Forget it, with a WARN in the log. */
    drop,
    /** Keep watching it (for ids asked about before the service knows them), until jobTimeout if one is set. */
    keep
}
