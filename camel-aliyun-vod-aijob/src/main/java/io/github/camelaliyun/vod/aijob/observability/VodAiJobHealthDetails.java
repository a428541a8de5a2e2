package io.github.camelaliyun.vod.aijob.observability;

/**
 * The keys of the details the component's health checks add to Camel's own ({@code service.url},
 * {@code AbstractHealthCheck.SERVICE_ERROR_CODE} and {@code SERVICE_STATUS_CODE}, which both checks report as
 * Camel's AWS checks do). Shared by the consumer and producer checks.
 */
public final class VodAiJobHealthDetails {

    /** The {@code RequestId} of the last failed call, to quote to Alibaba Cloud support. */
    public static final String REQUEST_ID = "vod.request.id";

    private VodAiJobHealthDetails() {
    }
}
