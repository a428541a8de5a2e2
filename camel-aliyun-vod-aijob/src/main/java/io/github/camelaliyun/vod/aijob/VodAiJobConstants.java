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

    @Metadata(label = "producer", description = "How many jobs the body holds.", javaType = "Integer")
    public static final String COUNT = "CamelAliyunVodAiJobCount";

    private VodAiJobConstants() {
    }
}
