package io.github.camelaliyun.vod.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the producer benchmark's two JVMs run. With {@code taskset} (Linux) and at least two CPUs the emulator's JVM
 * gets the last CPU of this process's set and the contenders (this JVM, every thread of it) the others, so that
 * neither side's work slows the other; {@link #release()} gives this JVM its whole set back. Without it both JVMs
 * share every CPU.
 */
final class CpuPinning {

    private final String ownCpus;
    private final String emulatorCpu;
    private final String contenderCpus;

    private CpuPinning(String ownCpus, String emulatorCpu, String contenderCpus) {
        this.ownCpus = ownCpus;
        this.emulatorCpu = emulatorCpu;
        this.contenderCpus = contenderCpus;
    }

    /** Both JVMs on every CPU. */
    static CpuPinning none() {
        return new CpuPinning(null, null, null);
    }

    /** One CPU for the emulator, the rest for the contenders; {@link #none()} where taskset or a second CPU is missing. */
    static CpuPinning ifAvailable() {
        String cpus;
        try {
            // "pid 123's current affinity list: 0,1" (or "0-3")
            String out = taskset("-cp", Long.toString(ProcessHandle.current().pid()));
            cpus = out.substring(out.lastIndexOf(':') + 1).trim();
        } catch (IOException e) {
            return none();
        }
        List<Integer> list = expand(cpus);
        if (list.size() < 2) {
            return none();
        }
        String emulator = Integer.toString(list.get(list.size() - 1));
        String contenders = String.join(",", list.subList(0, list.size() - 1).stream().map(String::valueOf).toList());
        return new CpuPinning(cpus, emulator, contenders);
    }

    boolean pinned() {
        return emulatorCpu != null;
    }

    /** What goes before the emulator's java command. */
    List<String> emulatorPrefix() {
        return pinned() ? List.of("taskset", "-c", emulatorCpu) : List.of();
    }

    /** Moves every thread of this JVM onto the contenders' CPUs; threads started later inherit it. */
    void pinContenders() throws IOException {
        if (pinned()) {
            allThreadsTo(contenderCpus);
        }
    }

    /** Gives every thread of this JVM its original CPUs back; a failure is only reported, the results stand. */
    void release() {
        if (pinned()) {
            try {
                allThreadsTo(ownCpus);
            } catch (IOException e) {
                System.err.println("Could not give the benchmark its CPUs back (" + e.getMessage()
                                   + "); what runs after the producer benchmark runs on CPU " + contenderCpus);
            }
        }
    }

    /**
     * {@code taskset -a} lists the threads, then sets each: it fails when one ends in between, so it is tried again;
     * and it runs once more after success, for threads started from a thread it had not moved yet.
     */
    private static void allThreadsTo(String cpus) throws IOException {
        String pid = Long.toString(ProcessHandle.current().pid());
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                taskset("-a", "-cp", cpus, pid);
                taskset("-a", "-cp", cpus, pid);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    String describe() {
        return pinned()
                ? "emulator in its own JVM on CPU " + emulatorCpu + ", contenders on CPU " + contenderCpus
                : "emulator in its own JVM, both JVMs sharing every CPU";
    }

    private static String taskset(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("taskset"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("taskset is not available: " + e.getMessage(), e);
        }
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                // its error, not the list of every thread it did move
                String error = out.lines().filter(line -> line.startsWith("taskset:")).findFirst().orElse(out.trim());
                throw new IOException(String.join(" ", command) + " failed: " + error);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running taskset", e);
        }
    }

    /** "0,2-3" as [0, 2, 3]. */
    private static List<Integer> expand(String cpus) {
        List<Integer> out = new ArrayList<>();
        for (String part : cpus.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int cpu = from; cpu <= to; cpu++) {
                out.add(cpu);
            }
        }
        return out;
    }
}
