package io.github.camelaliyun.vod.emulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the emulator posts VOD's event callbacks when its jobs finish ({@code AIMediaDNAComplete} or
 * {@code AIVideoTagComplete}), signed as VOD signs them: {@code X-VOD-TIMESTAMP} (Unix seconds) and
 * {@code X-VOD-SIGNATURE}, the lower-case hex MD5 of {@code callbackUrl|timestamp|authKey}. Like VOD, it tries an
 * event up to 3 times, about a second apart, until it gets a 200. Faults: drop a share of the events (never sent),
 * send each one more than once, send it later, or sign it with a wrong key. Immutable; the {@code with...} methods
 * return a copy.
 *
 * <pre>
 * emulator.callbacks(EventCallbacks.to("http://127.0.0.1:8080/vod/events", "AuthKey123").withDropShare(0.2));
 * </pre>
 *
 * @param url        the callback URL, on this machine (loopback) only
 * @param authKey    the AuthKey that signs the events
 * @param dropShare  the share of events never sent, 0 to 1 (drawn per event)
 * @param copies     how many times each event is sent (2: a duplicate)
 * @param delay      how long after the job finished the event is sent
 * @param wrongKey   sign with a key other than authKey
 * @param tries      how many times an event is tried until it gets a 200
 */
public record EventCallbacks(URI url, String authKey, double dropShare, int copies, Duration delay, boolean wrongKey,
        int tries) {

    public EventCallbacks {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(authKey, "authKey");
        if (!(dropShare >= 0 && dropShare <= 1) || copies < 1 || delay.isNegative() || tries < 1) {
            throw new IllegalArgumentException("dropShare 0 to 1, copies and tries 1 or more, delay not negative");
        }
        try {
            if (url.getHost() == null || !InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("The emulator posts events to this machine only (a loopback"
                                                   + " address), not to " + url);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown callback host in " + url, e);
        }
    }

    /** Every event, once, at once, well signed; tried 3 times like VOD. */
    public static EventCallbacks to(String url, String authKey) {
        return new EventCallbacks(URI.create(url), authKey, 0, 1, Duration.ZERO, false, 3);
    }

    /** Another URL and key, the same faults: what SetMessageCallback changes. */
    public EventCallbacks withTarget(URI target, String key) {
        return new EventCallbacks(target, key, dropShare, copies, delay, wrongKey, tries);
    }

    public EventCallbacks withDropShare(double share) {
        return new EventCallbacks(url, authKey, share, copies, delay, wrongKey, tries);
    }

    public EventCallbacks withCopies(int n) {
        return new EventCallbacks(url, authKey, dropShare, n, delay, wrongKey, tries);
    }

    public EventCallbacks withDelay(Duration after) {
        return new EventCallbacks(url, authKey, dropShare, copies, after, wrongKey, tries);
    }

    public EventCallbacks withWrongKey() {
        return new EventCallbacks(url, authKey, dropShare, copies, delay, true, tries);
    }

    @Override
    public String toString() {
        return "EventCallbacks[url=" + url + ", dropShare=" + dropShare + ", copies=" + copies + ", delay=" + delay
               + ", wrongKey=" + wrongKey + ", tries=" + tries + "]"; // never the key
    }
}
