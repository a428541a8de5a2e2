package io.github.camelaliyun.vod.aijob.client;

import java.util.List;
import java.util.Objects;

/**
 * What SetMessageCallback is told: VOD posts the events of {@code eventTypes} to {@code callbackUrl} over HTTP, signed
 * with {@code authKey} (AuthSwitch on). Only HTTP callbacks with authentication are sent: the component's
 * {@code operation=vodEvent} refuses unsigned events, and MNS callbacks would not reach it.
 *
 * @param callbackUrl the URL VOD posts to and signs
 * @param authKey     the AuthKey that signs each event (secret: never in {@link #toString()})
 * @param eventTypes  the event types VOD sends, at least one
 * @param appId       the VOD application, or {@code null} for the default one ({@code app-1000000})
 */
public record SetMessageCallbackRequest(String callbackUrl, String authKey, List<String> eventTypes, String appId) {

    public SetMessageCallbackRequest {
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(authKey, "authKey");
        eventTypes = List.copyOf(eventTypes);
    }

    @Override
    public String toString() {
        return "SetMessageCallbackRequest[callbackUrl=" + callbackUrl + ", eventTypes=" + String.join(",", eventTypes)
               + (appId == null ? "" : ", appId=" + appId) + "]"; // never the AuthKey
    }
}
