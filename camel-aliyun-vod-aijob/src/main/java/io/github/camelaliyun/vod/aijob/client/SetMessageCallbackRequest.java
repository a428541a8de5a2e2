package io.github.camelaliyun.vod.aijob.client;

import java.util.List;
import java.util.Objects;

/**
 * What SetMessageCallback is told: VOD sends the events of {@code eventTypes} either over HTTP to
 * {@code callbackUrl}, signed with {@code authKey} (AuthSwitch on; the component's {@code operation=vodEvent} refuses
 * unsigned events), or into the MNS queue {@code mnsQueueName} at {@code mnsEndpoint}, which the consumer's
 * {@code eventQueue} reads.
 *
 * @param callbackType HTTP or MNS
 * @param callbackUrl  the URL VOD posts to and signs (HTTP), else {@code null}
 * @param authKey      the AuthKey that signs each event (HTTP; secret: never in {@link #toString()}), else {@code null}
 * @param eventTypes   the event types VOD sends, at least one
 * @param appId        the VOD application, or {@code null} for the default one ({@code app-1000000})
 * @param mnsEndpoint  the queue's public MNS endpoint (MNS), else {@code null}
 * @param mnsQueueName the queue's name (MNS), else {@code null}
 */
public record SetMessageCallbackRequest(String callbackType, String callbackUrl, String authKey,
        List<String> eventTypes, String appId, String mnsEndpoint, String mnsQueueName) {

    public static final String TYPE_HTTP = "HTTP";
    public static final String TYPE_MNS = "MNS";

    public SetMessageCallbackRequest {
        Objects.requireNonNull(callbackType, "callbackType");
        if (TYPE_HTTP.equals(callbackType)) {
            Objects.requireNonNull(callbackUrl, "callbackUrl");
            Objects.requireNonNull(authKey, "authKey");
        } else if (TYPE_MNS.equals(callbackType)) {
            Objects.requireNonNull(mnsEndpoint, "mnsEndpoint");
            Objects.requireNonNull(mnsQueueName, "mnsQueueName");
        } else {
            throw new IllegalArgumentException("callbackType HTTP or MNS, not " + callbackType);
        }
        eventTypes = List.copyOf(eventTypes);
    }

    /** An HTTP callback, signed with {@code authKey}. */
    public SetMessageCallbackRequest(String callbackUrl, String authKey, List<String> eventTypes, String appId) {
        this(TYPE_HTTP, callbackUrl, authKey, eventTypes, appId, null, null);
    }

    /** Events written into an MNS queue. */
    public static SetMessageCallbackRequest mns(String mnsEndpoint, String mnsQueueName, List<String> eventTypes,
                                                String appId) {
        return new SetMessageCallbackRequest(TYPE_MNS, null, null, eventTypes, appId, mnsEndpoint, mnsQueueName);
    }

    public boolean isMns() {
        return TYPE_MNS.equals(callbackType);
    }

    /** Where the events go, for logs: the URL, or the queue and its endpoint. */
    public String target() {
        return isMns() ? "MNS queue " + mnsQueueName + " at " + mnsEndpoint : callbackUrl;
    }

    @Override
    public String toString() {
        return "SetMessageCallbackRequest[" + (isMns() ? "mnsEndpoint=" + mnsEndpoint + ", mnsQueueName="
                + mnsQueueName : "callbackUrl=" + callbackUrl) + ", eventTypes=" + String.join(",", eventTypes)
               + (appId == null ? "" : ", appId=" + appId) + "]"; // never the AuthKey
    }
}
