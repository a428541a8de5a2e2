package io.github.camelaliyun.vod.aijob;

import org.apache.camel.spi.Metadata;

/** The component's scheme and the message headers it reads and writes. */
public final class VodAiJobConstants {

    public static final String SCHEME = "aivod-aijob";

    @Metadata(label = "producer", description = "The operation to perform for this message, overriding the operation"
                                                + " option: listAiJobs, track, untrack, submitAiJob, vodEvent or"
                                                + " setMessageCallback (the enum or"
                                                + " its name, in any case). Removed once that operation succeeded, so it"
                                                + " drives one endpoint only.",
              javaType = "io.github.camelaliyun.vod.aijob.VodAiJobOperations",
              enums = "listAiJobs,track,untrack,submitAiJob,vodEvent,setMessageCallback")
    public static final String OPERATION = "CamelAliyunVodAiJobOperation";

    @Metadata(label = "producer listAiJobs track untrack",
              description = "Input of listAiJobs, track and untrack: the job ids, taking precedence over the body: a"
                            + " String (ids separated by commas or whitespace), a Collection, an array, or an"
                            + " Iterator/Iterable of ids, SubmittedAiJob or AiJob. Set but empty, it fails the"
                            + " exchange (the body is not read). Removed once the operation succeeded.",
              javaType = "Object")
    public static final String JOB_IDS = "CamelAliyunVodAiJobIds";

    @Metadata(label = "producer listAiJobs", description = "Output of listAiJobs: the ids the service reported as not"
                                                           + " existing, in the order they were asked.",
              javaType = "java.util.List<String>")
    public static final String NON_EXISTENT_IDS = "CamelAliyunVodAiJobNonExistentIds";

    @Metadata(label = "producer listAiJobs",
              description = "Output of listAiJobs: the RequestId of every ListAIJob call made for this message, one"
                            + " per batch, in batch order; quote them to Alibaba Cloud support.",
              javaType = "java.util.List<String>")
    public static final String REQUEST_IDS = "CamelAliyunVodAiJobRequestIds";

    @Metadata(label = "producer listAiJobs track untrack submitAiJob",
              description = "Output: how many jobs (listAiJobs, submitAiJob) or ids (track, untrack) the body holds.",
              javaType = "Integer")
    public static final String COUNT = "CamelAliyunVodAiJobCount";

    @Metadata(label = "consumer", description = "Output of the consumer: the id of the finished job.",
              javaType = "String")
    public static final String JOB_ID = "CamelAliyunVodAiJobId";

    @Metadata(label = "consumer", description = "The job's status, the name of an AiJobStatus: SUCCESS or FAIL, or"
                                                + " NOT_FOUND / TIMED_OUT set by the consumer (the same as the"
                                                + " body's status and its JSON status field).",
              javaType = "String")
    public static final String STATUS = "CamelAliyunVodAiJobStatus";

    @Metadata(label = "consumer submitAiJob",
              description = "Output only, never read: the id of the video a finished job ran on (consumer), or the one"
                            + " submitAiJob started jobs on. To choose the video of a submit, use the body or"
                            + " CamelAliyunVodAiJobSubmitMediaId.",
              javaType = "String")
    public static final String MEDIA_ID = "CamelAliyunVodAiJobMediaId";

    @Metadata(label = "producer submitAiJob",
              description = "Input of submitAiJob: the id of the video to start jobs on, taking precedence over the"
                            + " body. Other operations and the consumer never set it (they write"
                            + " CamelAliyunVodAiJobMediaId, which submitAiJob does not read). Removed, with the other"
                            + " CamelAliyunVodAiJobSubmit* headers, once the submit succeeded.",
              javaType = "String")
    public static final String SUBMIT_MEDIA_ID = "CamelAliyunVodAiJobSubmitMediaId";

    @Metadata(label = "producer submitAiJob",
              description = "Input of submitAiJob: the job types to start, overriding the jobTypes option: AIMediaDNA,"
                            + " AIVideoTag, or both (a String separated by commas, or a Collection).",
              javaType = "Object")
    public static final String SUBMIT_JOB_TYPES = "CamelAliyunVodAiJobSubmitTypes";

    @Metadata(label = "producer submitAiJob",
              description = "Input of submitAiJob: the Config of the jobs, overriding the config option: a String"
                            + " holding one JSON object, or a Map or JsonNode that is written as JSON.",
              javaType = "Object")
    public static final String SUBMIT_CONFIG = "CamelAliyunVodAiJobSubmitConfig";

    @Metadata(label = "producer submitAiJob",
              description = "Input of submitAiJob: the UserData of the jobs (at most 512 bytes), overriding the"
                            + " userData option: a String holding one JSON object, or a Map or JsonNode.",
              javaType = "Object")
    public static final String SUBMIT_USER_DATA = "CamelAliyunVodAiJobSubmitUserData";

    @Metadata(label = "producer submitAiJob",
              description = "Output of submitAiJob: the ids of the jobs the call created, one per type.",
              javaType = "java.util.List<String>")
    public static final String SUBMITTED_IDS = "CamelAliyunVodAiJobSubmittedIds";

    @Metadata(label = "consumer", description = "The job type: AIMediaDNA (fingerprinting) or AIVideoTag (tagging).",
              javaType = "String")
    public static final String TYPE = "CamelAliyunVodAiJobType";

    @Metadata(label = "consumer submitAiJob setMessageCallback",
              description = "Output: the RequestId of the call, the SubmitAIJob call (submitAiJob), the"
                            + " SetMessageCallback call (setMessageCallback), or the ListAIJob call that saw the job"
                            + " finish (consumer).",
              javaType = "String")
    public static final String REQUEST_ID = "CamelAliyunVodAiJobRequestId";

    @Metadata(label = "consumer", description = "How many times this consumer has emitted the job: 1 the first time,"
                                                + " more after the route failed on it.",
              javaType = "Integer")
    public static final String DELIVERY_COUNT = "CamelAliyunVodAiJobDeliveryCount";

    @Metadata(label = "consumer", description = "True on the last delivery of a job when maxDeliveries is set: if the"
                                                + " route fails on it, the job leaves the store (with an ERROR log)."
                                                + " A route can test it to park the job elsewhere. False on earlier"
                                                + " deliveries; absent when maxDeliveries is 0 (unlimited).",
              javaType = "Boolean")
    public static final String LAST_DELIVERY = "CamelAliyunVodAiJobLastDelivery";

    private VodAiJobConstants() {
    }
}
