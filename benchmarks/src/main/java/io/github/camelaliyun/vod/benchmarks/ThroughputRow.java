package io.github.camelaliyun.vod.benchmarks;

/**
 * One producer-throughput measurement: who, at which emulator latency and concurrency, how long for how many ids, and
 * how many ListAIJob calls the emulator counted.
 */
record ThroughputRow(String contender, int latencyMs, int concurrency, int ids, long nanos, long calls) {

    double idsPerSecond() {
        return ids / (nanos / 1e9);
    }

    /** Wall time over the round-trip bound (calls / concurrency x latency); 0 when there is no latency. */
    double boundRatio() {
        if (latencyMs == 0) {
            return 0;
        }
        double boundNanos = Math.ceil((double) calls / concurrency) * latencyMs * 1e6;
        return nanos / boundNanos;
    }
}
