package io.github.camelaliyun.vod.aijob.events;

import io.github.camelaliyun.vod.aijob.VodAiJobConfiguration;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.camelaliyun.vod.aijob.client.SetMessageCallbackRequest;
import io.github.camelaliyun.vod.aijob.client.VodApi;

/**
 * {@code operation=setMessageCallback}: the SetMessageCallback request that the endpoint's options describe, checked
 * before any call. It takes the same {@code callbackUrl} and {@code authKey} as {@code operation=vodEvent}, so
 * one configuration tells VOD where to post and lets the receiving route verify what VOD posts. Only options: the
 * AuthKey is a secret, and message headers travel (tracing, logs, other systems) where a secret should not.
 */
public final class MessageCallbackSettings {

    /**
     * The default of callbackEventTypes: AIComplete, the name SetMessageCallback takes for every AI event (VOD's
     * reference: "all AI events, AIMediaAuditComplete, AIMediaDNAComplete and so on, are AIComplete"). The events of
     * the AI types this component does not submit (AIMediaAuditComplete, VideoAIComplete) are then ignored.
     */
    public static final String DEFAULT_EVENT_TYPES = "AIComplete";
    /** The shortest AuthKey accepted here: VOD states only the longest (32); a shorter key is easy to guess. */
    public static final int MIN_AUTH_KEY_LENGTH = 8;

    private static final String KEY_RULE = MIN_AUTH_KEY_LENGTH + " to " + VodApi.MAX_CALLBACK_AUTH_KEY_LENGTH
                                           + " letters and digits, with at least one upper-case letter, one"
                                           + " lower-case letter and one digit";

    private MessageCallbackSettings() {
    }

    /** The request, or an {@link IllegalArgumentException} naming the option and the fix (never the key's value). */
    public static SetMessageCallbackRequest request(VodAiJobConfiguration conf) {
        boolean mns = EventQueueOptions.isMns(conf);
        String url = mns ? null : checkUrl(conf.getCallbackUrl());
        if (!mns) {
            checkAuthKey(conf.getAuthKey());
        }
        List<String> types = eventTypes(conf.getCallbackEventTypes());
        String appId = conf.getCallbackAppId();
        if (appId != null && appId.isBlank()) {
            appId = null;
        }
        if (appId != null && !appId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("Invalid callbackAppId '" + appId + "': a VOD application id such as"
                                               + " app-1000000 (letters, digits, - and _); leave it unset for the"
                                               + " default application");
        }
        if (mns) {
            if (!EventQueueOptions.isSet(conf.getEventQueue())) {
                throw new IllegalArgumentException("operation=setMessageCallback with callbackType=MNS needs the"
                                                   + " eventQueue option: the MNS queue VOD writes its events into,"
                                                   + " the same value the consumer of the label reads");
            }
            String queue = EventQueueOptions.queueName(conf);
            String endpoint = EventQueueOptions.endpoint(conf).toString();
            return SetMessageCallbackRequest.mns(endpoint, queue, types, appId);
        }
        return new SetMessageCallbackRequest(url, conf.getAuthKey(), types, appId);
    }

    private static String checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("operation=setMessageCallback needs the callbackUrl option: the public"
                                               + " http:// or https:// URL VOD posts its events to (and signs), the"
                                               + " same value the operation=vodEvent endpoint checks");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid callbackUrl '" + url + "': not a URL (" + e.getReason()
                                               + "); give the full public URL, such as"
                                               + " https://example.com/vod/events");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("Invalid callbackUrl '" + url + "': VOD posts to an http:// or"
                                               + " https:// URL with a host, such as https://example.com/vod/events");
        }
        int bytes = url.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > VodApi.MAX_CALLBACK_URL_BYTES) {
            throw new IllegalArgumentException("Invalid callbackUrl: " + bytes + " bytes, VOD accepts at most "
                                               + VodApi.MAX_CALLBACK_URL_BYTES + "; use a shorter path");
        }
        return url;
    }

    /** Checks the AuthKey against VOD's rule; the message says what is wrong with it, never what it is. */
    public static void checkAuthKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("operation=setMessageCallback needs the authKey option ("
                                               + KEY_RULE + "): VOD signs every event with it, and the"
                                               + " operation=vodEvent endpoint checks that signature");
        }
        String problem = null;
        if (key.length() < MIN_AUTH_KEY_LENGTH) {
            problem = "is shorter than " + MIN_AUTH_KEY_LENGTH + " characters";
        } else if (key.length() > VodApi.MAX_CALLBACK_AUTH_KEY_LENGTH) {
            problem = "is longer than " + VodApi.MAX_CALLBACK_AUTH_KEY_LENGTH + " characters";
        } else if (!key.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            problem = "holds a character that is not a letter or a digit (a + typed in a URI arrives as a space)";
        } else if (key.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
            problem = "has no upper-case letter";
        } else if (key.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            problem = "has no lower-case letter";
        } else if (key.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            problem = "has no digit";
        }
        if (problem != null) {
            throw new IllegalArgumentException("Invalid authKey (its value is not shown): it " + problem
                                               + "; VOD's AuthKey is " + KEY_RULE + ". Set another key on this"
                                               + " endpoint and the same on the operation=vodEvent endpoint");
        }
    }

    /** Whether VOD posts the AI job events for these types (AIComplete: every AI event, ALL: every event). */
    public static boolean includesAiJobEvents(List<String> types) {
        List<String> including = new ArrayList<>(VodApi.AI_JOB_EVENTS);
        including.add("AIComplete");
        including.add("ALL");
        return types.stream().anyMatch(type -> including.stream().anyMatch(type::equalsIgnoreCase));
    }

    /** The event types of a callbackEventTypes text: names separated by commas, each once, at least one. */
    public static List<String> eventTypes(String text) {
        Set<String> types = new LinkedHashSet<>();
        if (text != null) {
            for (String part : text.split(",")) {
                String type = part.strip();
                if (type.isEmpty()) {
                    continue;
                }
                if (!type.matches("[A-Za-z]{1,64}")) {
                    throw new IllegalArgumentException("Invalid callbackEventTypes '" + text + "': '" + type
                                                       + "' is not an event type name; give names separated by"
                                                       + " commas, such as " + DEFAULT_EVENT_TYPES + " (ALL: every"
                                                       + " event)");
                }
                types.add(type);
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("Invalid callbackEventTypes '" + text + "': no event type; an empty"
                                               + " list turns every VOD event notification off. Give "
                                               + DEFAULT_EVENT_TYPES + " (the default) or the types you need");
        }
        return new ArrayList<>(types);
    }
}
