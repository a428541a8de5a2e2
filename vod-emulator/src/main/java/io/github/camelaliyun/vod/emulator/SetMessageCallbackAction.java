package io.github.camelaliyun.vod.emulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * SetMessageCallback as the service documents it, for HTTP callbacks: CallbackURL (at most 256 bytes), EventTypeList
 * (names separated by commas; empty turns every event off; ALL, or AIComplete for the AI events, turns them on),
 * AuthSwitch and AuthKey (at most 32 characters, with upper case, lower case and digits). The emulator posts to this
 * machine only and signs every event: a URL elsewhere, MNS callbacks and AuthSwitch off are refused as invalid
 * parameters. With CallbackType MNS, MnsEndpoint must be the {@link MnsEmulator} given to the VOD emulator, and
 * the events are written into the queue MnsQueueName. The limits are the emulator's own copies, an independent check of the component's.
 */
final class SetMessageCallbackAction {

    static final int MAX_URL_BYTES = 256;
    static final int MAX_AUTH_KEY_LENGTH = 32;

    /**
     * What the call set: where events go (HTTP callbacks with the faults kept from before, or an MNS queue), and
     * which event types are on.
     */
    record Settings(EventCallbacks callbacks, String mnsQueue, Set<String> eventTypes) {
    }

    Settings answer(VerifiedCall call, EventCallbacks current, MnsEmulator mns) {
        String type = call.params().getOrDefault("CallbackType", "HTTP");
        if ("MNS".equals(type)) {
            String endpoint = call.params().get("MnsEndpoint");
            String queue = call.params().get("MnsQueueName");
            if (endpoint == null || endpoint.isBlank()) {
                throw new Rejection(ApiError.missingParameter("MnsEndpoint"));
            }
            if (queue == null || queue.isBlank()) {
                throw new Rejection(ApiError.missingParameter("MnsQueueName"));
            }
            if (mns == null || !mns.isEndpoint(endpoint)) {
                throw new Rejection(ApiError.invalidParameter("The parameter MnsEndpoint is not valid here: the"
                                                              + " emulator writes to the MNS emulator it was given"
                                                              + " only (" + (mns == null ? "none" : mns.url())
                                                              + ")."));
            }
            return new Settings(null, queue.strip(), eventTypes(call));
        }
        if (!"HTTP".equals(type)) {
            throw new Rejection(ApiError.invalidParameter("The parameter CallbackType must be HTTP or MNS."));
        }
        String url = call.params().get("CallbackURL");
        if (url == null || url.isBlank()) {
            throw new Rejection(ApiError.missingParameter("CallbackURL"));
        }
        if (url.getBytes(StandardCharsets.UTF_8).length > MAX_URL_BYTES) {
            throw new Rejection(ApiError.invalidParameter("The parameter CallbackURL exceeds " + MAX_URL_BYTES
                                                          + " bytes."));
        }
        if (!"on".equals(call.params().get("AuthSwitch"))) {
            throw new Rejection(ApiError.invalidParameter("The emulator sends signed events only: set AuthSwitch to"
                                                          + " on, with an AuthKey."));
        }
        String key = call.params().get("AuthKey");
        if (key == null || key.isEmpty()) {
            throw new Rejection(ApiError.missingParameter("AuthKey"));
        }
        if (key.length() > MAX_AUTH_KEY_LENGTH || key.chars().noneMatch(Character::isUpperCase)
            || key.chars().noneMatch(Character::isLowerCase) || key.chars().noneMatch(Character::isDigit)) {
            throw new Rejection(ApiError.invalidParameter("The parameter AuthKey must be at most "
                                                          + MAX_AUTH_KEY_LENGTH + " characters and contain upper"
                                                          + " case letters, lower case letters and digits."));
        }
        URI target;
        try {
            target = new URI(url);
        } catch (URISyntaxException e) {
            throw new Rejection(ApiError.invalidParameter("The parameter CallbackURL is not a valid URL."));
        }
        EventCallbacks callbacks;
        try {
            callbacks = current == null ? EventCallbacks.to(url, key) : current.withTarget(target, key);
        } catch (IllegalArgumentException e) {
            throw new Rejection(ApiError.invalidParameter("The parameter CallbackURL is not valid here: "
                                                          + e.getMessage() + "."));
        }
        return new Settings(callbacks, null, eventTypes(call));
    }

    private static Set<String> eventTypes(VerifiedCall call) {
        Set<String> types = new LinkedHashSet<>();
        for (String name : call.params().getOrDefault("EventTypeList", "").split(",")) {
            if (!name.isBlank()) {
                types.add(name.strip());
            }
        }
        return Set.copyOf(types);
    }

    /** Whether an event of {@code eventType} is on, given the EventTypeList set ({@code null}: every event). */
    static boolean enabled(Set<String> eventTypes, String eventType) {
        return eventTypes == null || eventTypes.contains(eventType) || eventTypes.contains("ALL")
               || eventType.startsWith("AI") && eventTypes.contains("AIComplete");
    }
}
