package io.github.camelaliyun.vod.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The signature nonces seen within the last {@code window}: a nonce seen again within it is a replay. A nonce older
 * than the window can no longer be replayed (its request's timestamp would be refused), so it is forgotten: each check
 * first drops the oldest nonces that left the window, in the order they came, which keeps a check O(1) however many
 * calls the window holds (a scan of every nonce made a benchmark's 100,001st call 60 times slower).
 */
final class UsedNonces {

    private record Seen(String nonce, Instant at) {
    }

    private final Duration window;
    private final Map<String, Instant> byNonce = new HashMap<>();
    private final ArrayDeque<Seen> inOrder = new ArrayDeque<>();

    UsedNonces(Duration window) {
        this.window = window;
    }

    /** Records the nonce; false when it was seen within the window (a replay). */
    synchronized boolean firstUse(String nonce, Instant now) {
        Instant oldest = now.minus(window);
        while (!inOrder.isEmpty() && inOrder.peekFirst().at().isBefore(oldest)) {
            Seen gone = inOrder.pollFirst();
            byNonce.remove(gone.nonce(), gone.at());
        }
        if (byNonce.putIfAbsent(nonce, now) != null) {
            return false;
        }
        inOrder.addLast(new Seen(nonce, now));
        return true;
    }

    synchronized int size() {
        return byNonce.size();
    }

    synchronized void clear() {
        byNonce.clear();
        inOrder.clear();
    }
}
