package io.github.camelaliyun.vod.emulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the emulator saw, so tests can assert how many calls were made and how many ran at once. */
public final class EmulatorStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<String, AtomicLong> callsByAction = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errorsByCode = new ConcurrentHashMap<>();
    private final List<List<String>> listAiJobBatches = new CopyOnWriteArrayList<>();

    void requestStarted() {
        requests.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void requestEnded() {
        inFlight.decrementAndGet();
    }

    void verifiedCall(String action) {
        callsByAction.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
    }

    void error(String code) {
        errorsByCode.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
    }

    void listAiJobBatch(List<String> jobIds) {
        listAiJobBatches.add(List.copyOf(jobIds));
    }

    /** Every HTTP request received, valid or not. */
    public long requests() {
        return requests.get();
    }

    /** The most requests being handled at the same moment. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Calls of an action that passed the signature checks (whether or not a fault was injected afterwards). */
    public long calls(String action) {
        AtomicLong n = callsByAction.get(action);
        return n == null ? 0 : n.get();
    }

    /** Error replies sent with this code, injected or not. */
    public long errors(String code) {
        AtomicLong n = errorsByCode.get(code);
        return n == null ? 0 : n.get();
    }

    /** The job ids of each verified ListAIJob call, in arrival order. */
    public List<List<String>> listAiJobBatches() {
        return List.copyOf(listAiJobBatches);
    }

    void reset() {
        requests.set(0);
        maxInFlight.set(inFlight.get());
        callsByAction.clear();
        errorsByCode.clear();
        listAiJobBatches.clear();
    }

    @Override
    public String toString() {
        return "EmulatorStats[requests=" + requests + ", maxInFlight=" + maxInFlight + ", calls=" + callsByAction
               + ", errors=" + errorsByCode + "]";
    }
}
