package io.github.camelaliyun.vod.aijob.client;

/** The error body the service sends with a non-2xx status: {@code {RequestId, HostId, Code, Message, Recommend}}. */
public record ServiceError(String requestId, String hostId, String code, String message, String recommend) {
}
