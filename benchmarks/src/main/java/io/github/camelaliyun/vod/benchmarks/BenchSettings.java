package io.github.camelaliyun.vod.benchmarks;

import java.nio.file.Path;
import java.util.List;

/** Sizes of one benchmark run: the full run of docs/benchmarks.md, or the smoke run CI makes to keep it working. */
record BenchSettings(
        boolean smoke, int ids, List<Integer> concurrencies, List<Integer> latenciesMs, int measuredRuns,
        int pendingJobs, int finishedPercent, boolean jmh, boolean pin, Path outputDir) {

    static BenchSettings parse(String[] args) {
        boolean smoke = false;
        int latency = 5;
        boolean jmh = true;
        boolean pin = true;
        Integer runs = null;
        Path out = Path.of("target", "benchmarks");
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                smoke = true;
            } else if (arg.startsWith("--latency=")) {
                latency = Integer.parseInt(arg.substring("--latency=".length()));
            } else if (arg.equals("--no-jmh")) {
                jmh = false;
            } else if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring("--runs=".length()));
            } else if (arg.equals("--no-pin")) {
                pin = false;
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg + "; use --smoke, --latency=<ms>, --runs=<n>,"
                                                   + " --no-jmh, --no-pin, --out=<dir>");
            }
        }
        // measured runs per contender: the fastest is kept; on a machine shared with other work, more help
        int measuredRuns = runs != null ? runs : smoke ? 1 : 2;
        return smoke
                ? new BenchSettings(true, 200, List.of(1, 4), List.of(0, latency), measuredRuns, 2_000, 10, jmh, pin, out)
                : new BenchSettings(false, 10_000, List.of(1, 4, 16), List.of(0, latency), measuredRuns, 100_000, 10, jmh,
                                    pin, out);
    }
}
