package io.github.camelaliyun.vod.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * The faults the emulator injects: scripted ones for the next calls ({@link #next(Fault...)}, used first), then a
 * random share of calls per fault, plus a fixed latency added to every call. Thread-safe; the random choices are
 * seeded so a run can be repeated.
 */
public final class Faults {

    private final Deque<Fault> scripted = new ArrayDeque<>();
    private final Map<Fault, Double> rates = new EnumMap<>(Fault.class);
    private Random random = new Random(42);
    private Duration latency = Duration.ZERO;
    private Duration slowDelay = Duration.ofSeconds(5);

    /** The next calls get these faults, one each, in order, before any random fault. */
    public synchronized Faults next(Fault... faults) {
        scripted.addAll(Arrays.asList(faults));
        return this;
    }

    /** Every call gets this fault with the given probability (0 to 1). */
    public synchronized Faults rate(Fault fault, double probability) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be within 0..1, was " + probability);
        }
        rates.put(fault, probability);
        return this;
    }

    /** Added to every call before it is answered. */
    public synchronized Faults latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** How long a {@link Fault#SLOW} call waits before it answers. */
    public synchronized Faults slowDelay(Duration slowDelay) {
        this.slowDelay = slowDelay;
        return this;
    }

    public synchronized Faults seed(long seed) {
        this.random = new Random(seed);
        return this;
    }

    public synchronized void clear() {
        scripted.clear();
        rates.clear();
        latency = Duration.ZERO;
        slowDelay = Duration.ofSeconds(5);
        random = new Random(42);
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized Duration slowDelay() {
        return slowDelay;
    }

    /** The fault for the call now being answered, or {@code null} for a normal reply. */
    synchronized Fault pick() {
        if (!scripted.isEmpty()) {
            return scripted.poll();
        }
        double roll = random.nextDouble();
        double bound = 0;
        for (Map.Entry<Fault, Double> e : rates.entrySet()) {
            bound += e.getValue();
            if (roll < bound) {
                return e.getKey();
            }
        }
        return null;
    }
}
