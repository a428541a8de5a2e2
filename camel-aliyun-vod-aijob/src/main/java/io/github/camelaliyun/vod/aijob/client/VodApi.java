package io.github.camelaliyun.vod.aijob.client;

import java.util.List;

/**
 * What the ApsaraVideo VOD AI job API defines, in one place: its version and actions, where it is offered, and its
 * limits. The component's checks refer here; the emulator keeps its own copies on purpose, as an independent check.
 */
public final class VodApi {

    /** The API version the component speaks. */
    public static final String API_VERSION = "2017-03-21";
    public static final String ACTION_LIST_AI_JOB = "ListAIJob";
    public static final String ACTION_SUBMIT_AI_JOB = "SubmitAIJob";
    /** Sets where and how VOD posts its event callbacks (for the whole account and region, or one AppId). */
    public static final String ACTION_SET_MESSAGE_CALLBACK = "SetMessageCallback";

    /** The regions where the AI job API (ListAIJob, SubmitAIJob) is offered. */
    public static final List<String> AI_JOB_REGIONS = List.of("cn-beijing", "cn-shanghai", "ap-southeast-1");
    /** The regions that offer smart tagging (AIVideoTag); fingerprinting (AIMediaDNA) is offered in all three. */
    public static final List<String> VIDEO_TAG_REGIONS = List.of("cn-beijing", "cn-shanghai");

    /** The most job ids ListAIJob accepts in one call. */
    public static final int MAX_JOB_IDS_PER_CALL = 10;
    /** SubmitAIJob calls a second the service allows per account. */
    public static final int SUBMIT_AI_JOB_CALLS_PER_SECOND = 30;
    /** The most bytes of UserData JSON SubmitAIJob accepts. */
    public static final int MAX_USER_DATA_BYTES = 512;
    /**
     * The longest job or media id the component accepts: the service's ids have 32 characters; twice that leaves room
     * for other formats while still refusing text that is plainly not an id.
     */
    public static final int MAX_ID_LENGTH = 64;

    /** The longest CallbackURL SetMessageCallback accepts, in bytes. */
    public static final int MAX_CALLBACK_URL_BYTES = 256;
    /** The longest AuthKey SetMessageCallback accepts; it must hold upper case, lower case and digits. */
    public static final int MAX_CALLBACK_AUTH_KEY_LENGTH = 32;
    /** The events of a finished AI job of the two types this component submits. */
    public static final List<String> AI_JOB_EVENTS = List.of("AIMediaDNAComplete", "AIVideoTagComplete");

    private VodApi() {
    }
}
