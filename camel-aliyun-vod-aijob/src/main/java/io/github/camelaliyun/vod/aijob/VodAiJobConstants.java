package io.github.camelaliyun.vod.aijob;

import org.apache.camel.spi.Metadata;

/** The component's scheme and the message headers it reads and writes. */
public final class VodAiJobConstants {

    public static final String SCHEME = "aivod-aijob";

    @Metadata(label = "producer", description = "The operation to perform for this message, overriding the operation"
                                                + " option: one of listAiJobs.",
              javaType = "String")
    public static final String OPERATION = "CamelAliyunVodAiJobOperation";

    @Metadata(label = "producer", description = "The job ids to ask about, taking precedence over the body: a String"
                                                + " (ids separated by commas or whitespace), a Collection, an array, or"
                                                + " an Iterator/Iterable of ids.",
              javaType = "Object")
    public static final String JOB_IDS = "CamelAliyunVodAiJobIds";

    @Metadata(label = "producer", description = "The ids the service reported as not existing, in the order they were"
                                                + " asked.",
              javaType = "java.util.List<String>")
    public static final String NON_EXISTENT_IDS = "CamelAliyunVodAiJobNonExistentIds";

    @Metadata(label = "producer", description = "The RequestId of every ListAIJob call made for this message, one per"
                                                + " batch, in batch order; quote them to Alibaba Cloud support.",
              javaType = "java.util.List<String>")
    public static final String REQUEST_IDS = "CamelAliyunVodAiJobRequestIds";

    @Metadata(label = "producer", description = "How many jobs (listAiJobs) or ids (track, untrack) the body holds.",
              javaType = "Integer")
    public static final String COUNT = "CamelAliyunVodAiJobCount";

    @Metadata(label = "consumer", description = "The id of the finished job.", javaType = "String")
    public static final String JOB_ID = "CamelAliyunVodAiJobId";

    @Metadata(label = "consumer", description = "The job's status as the service wrote it (success, fail), or"
                                                + " NOT_FOUND / TIMED_OUT set by the consumer.",
              javaType = "String")
    public static final String STATUS = "CamelAliyunVodAiJobStatus";

    @Metadata(description = "The id of the video: the one to submit jobs for (submitAiJob, taking precedence over the"
                            + " body), or the one a finished job ran on (consumer).",
              javaType = "String")
    public static final String MEDIA_ID = "CamelAliyunVodAiJobMediaId";

    @Metadata(label = "producer", description = "The job types to submit, overriding the jobTypes option: AIMediaDNA,"
                                                + " AIVideoTag, or both (a String separated by commas, or a"
                                                + " Collection).",
              javaType = "Object")
    public static final String JOB_TYPES = "CamelAliyunVodAiJobTypes";

    @Metadata(label = "producer", description = "The Config of a submitAiJob call, overriding the config option: a"
                                                + " String of JSON, or a Map or JsonNode that is written as JSON.",
              javaType = "Object")
    public static final String CONFIG = "CamelAliyunVodAiJobConfig";

    @Metadata(label = "producer", description = "The UserData of a submitAiJob call (at most 512 bytes), overriding"
                                                + " the userData option: a String of JSON, or a Map or JsonNode.",
              javaType = "Object")
    public static final String USER_DATA = "CamelAliyunVodAiJobUserData";

    @Metadata(label = "producer", description = "The ids of the jobs a submitAiJob call created, one per type.",
              javaType = "java.util.List<String>")
    public static final String SUBMITTED_IDS = "CamelAliyunVodAiJobSubmittedIds";

    @Metadata(label = "consumer", description = "The job type: AIMediaDNA (fingerprinting) or AIVideoTag (tagging).",
              javaType = "String")
    public static final String TYPE = "CamelAliyunVodAiJobType";

    @Metadata(description = "The RequestId of the call: the SubmitAIJob call (submitAiJob), or the ListAIJob call that"
                            + " saw the job finish (consumer).",
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
