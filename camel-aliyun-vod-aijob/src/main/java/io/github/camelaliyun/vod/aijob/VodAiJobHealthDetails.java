package io.github.camelaliyun.vod.aijob;

/**
 * The keys of the details the component's health checks add to Camel's own ({@code service.url},
 * {@code AbstractHealthCheck.SERVICE_ERROR_CODE} and {@code SERVICE_STATUS_CODE}, which the producer check reports as
 * Camel's AWS checks do). Shared by the consumer and producer checks.
 */
public final class VodAiJobHealthDetails {

    /** The service's error code of the last failed call (the consumer check). */
    public static final String ERROR_CODE = "vod.error.code";
    /** The {@code RequestId} of the last failed call, to quote to Alibaba Cloud support. */
    public static final String REQUEST_ID = "vod.request.id";

    private VodAiJobHealthDetails() {
    }
}
