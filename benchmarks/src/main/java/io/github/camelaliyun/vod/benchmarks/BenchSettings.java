package io.github.camelaliyun.vod.benchmarks;

import java.nio.file.Path;
import java.util.List;

/** Sizes of one benchmark run: the full run of docs/benchmarks.md, or the smoke run CI makes to keep it working. */
record BenchSettings(
        boolean smoke, int ids, List<Integer> concurrencies, List<Integer> latenciesMs, int measuredRuns,
        int pendingJobs, int finishedPercent, boolean jmh, Path outputDir) {

    static BenchSettings parse(String[] args) {
        boolean smoke = false;
        int latency = 5;
        boolean jmh = true;
        Path out = Path.of("target", "benchmarks");
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                smoke = true;
            } else if (arg.startsWith("--latency=")) {
                latency = Integer.parseInt(arg.substring("--latency=".length()));
            } else if (arg.equals("--no-jmh")) {
                jmh = false;
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg
                                                   + "; use --smoke, --latency=<ms>, --no-jmh, --out=<dir>");
            }
        }
        return smoke
                ? new BenchSettings(true, 200, List.of(1, 4), List.of(0, latency), 1, 2_000, 10, jmh, out)
                : new BenchSettings(false, 10_000, List.of(1, 4, 16), List.of(0, latency), 2, 100_000, 10, jmh, out);
    }
}
