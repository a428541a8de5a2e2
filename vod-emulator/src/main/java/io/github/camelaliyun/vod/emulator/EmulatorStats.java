package io.github.camelaliyun.vod.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the emulator saw, so tests can assert how many calls were made and how many ran at once. */
public final class EmulatorStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<String, AtomicLong> callsByAction = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errorsByCode = new ConcurrentHashMap<>();
    /** Appended on every ListAIJob call, read by tests: not copy-on-write, which copied it all on each call. */
    private final List<List<String>> listAiJobBatches = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<Long>> callTimesByAction = new ConcurrentHashMap<>();
    /** SubmitAIJob calls that created jobs, by video: a follow-up submitted twice for one video was paid twice. */
    private final Map<String, AtomicLong> submitsByMediaId = new ConcurrentHashMap<>();

    void requestStarted() {
        requests.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void requestEnded() {
        inFlight.decrementAndGet();
    }

    void verifiedCall(String action) {
        callsByAction.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
        callTimesByAction.computeIfAbsent(action, a -> Collections.synchronizedList(new ArrayList<>()))
                .add(System.nanoTime());
    }

    /** The most calls of an action that arrived within any one second (a sliding window). */
    public int maxCallsInAnySecond(String action) {
        List<Long> times = callTimesByAction.get(action);
        if (times == null) {
            return 0;
        }
        long[] sorted;
        synchronized (times) {
            sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        int best = 0;
        int start = 0;
        for (int end = 0; end < sorted.length; end++) {
            while (sorted[end] - sorted[start] >= 1_000_000_000L) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    void jobsSubmitted(String mediaId) {
        submitsByMediaId.computeIfAbsent(mediaId, m -> new AtomicLong()).incrementAndGet();
    }

    /** How many SubmitAIJob calls created jobs for this video (calls refused or answered with a fault not counted). */
    public long submits(String mediaId) {
        AtomicLong n = submitsByMediaId.get(mediaId);
        return n == null ? 0 : n.get();
    }

    /** The SubmitAIJob calls that created jobs, by media id. */
    public Map<String, Long> submitsByMediaId() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        submitsByMediaId.forEach((mediaId, n) -> copy.put(mediaId, n.get()));
        return copy;
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
        synchronized (listAiJobBatches) {
            return List.copyOf(listAiJobBatches);
        }
    }

    void reset() {
        requests.set(0);
        maxInFlight.set(inFlight.get());
        callsByAction.clear();
        errorsByCode.clear();
        listAiJobBatches.clear();
        callTimesByAction.clear();
        submitsByMediaId.clear();
    }

    @Override
    public String toString() {
        return "EmulatorStats[requests=" + requests + ", maxInFlight=" + maxInFlight + ", calls=" + callsByAction
               + ", errors=" + errorsByCode + "]";
    }
}
