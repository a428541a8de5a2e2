package io.github.camelaliyun.vod.aijob.observability;

/**
 * The keys of the details the component's health checks add to Camel's own ({@code service.url},
 * {@code AbstractHealthCheck.SERVICE_ERROR_CODE} and {@code SERVICE_STATUS_CODE}, which both checks report as
 * Camel's AWS checks do). Shared by the consumer and producer checks.
 */
public final class VodAiJobHealthDetails {

    /** The {@code RequestId} of the last failed call, to quote to Alibaba Cloud support. */
    public static final String REQUEST_ID = "vod.request.id";
    /** The {@code x-mns-request-id} of the event queue's last failed call. */
    public static final String MNS_REQUEST_ID = "mns.request.id";
    /** The event queue (eventQueue) that could not be read. */
    public static final String EVENT_QUEUE = "mns.queue";

    private VodAiJobHealthDetails() {
    }
}
