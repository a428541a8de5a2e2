package io.github.camelaliyun.vod.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * Runs every benchmark in one go and prints the side-by-side table; writes it as JSON and Markdown to
 * {@code target/benchmarks/}. Full run: {@code ./mvnw -q -pl benchmarks -am -DskipTests install exec:exec}; smoke
 * run (what CI does): add {@code -Dbench.args=--smoke}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args);
        Map<String, Object> report = run(settings);
        Files.createDirectories(settings.outputDir());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(settings.outputDir().resolve("results.json").toFile(), report);
        String markdown = Report.markdown(report);
        Files.writeString(settings.outputDir().resolve("results.md"), markdown, StandardCharsets.UTF_8);
        System.out.println(markdown);
        System.out.println("Written to " + settings.outputDir().toAbsolutePath());
    }

    static Map<String, Object> run(BenchSettings settings) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mode", settings.smoke() ? "smoke" : "full");
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java "
                              + System.getProperty("java.version") + ", " + System.getProperty("os.name"));
        CpuPinning pinning = settings.pin() ? CpuPinning.ifAvailable() : CpuPinning.none();
        report.put("producerSetup", pinning.describe());
        report.put("throughput", throughput(settings, pinning));
        try (VodEmulator emulator = VodEmulator.start()) {
            ConsumerBenchmark consumer = new ConsumerBenchmark(emulator, settings);
            Map<String, Object> consumerReport = new LinkedHashMap<>(consumer.polls());
            consumerReport.put("heapBytesPerPendingJob", consumer.heapBytesPerPendingJob());
            consumerReport.put("fileStore", consumer.fileStoreReopen(settings.outputDir().resolve("store")));
            consumerReport.put("pendingJobs", settings.pendingJobs());
            report.put("consumer", consumerReport);
        }
        if (settings.jmh()) {
            report.put("jmh", jmh(settings));
        }
        return report;
    }

    private static List<Map<String, Object>> throughput(BenchSettings settings, CpuPinning pinning) throws Exception {
        List<ThroughputRow> rows = new ArrayList<>();
        List<String> ids = IntStream.range(0, settings.ids()).mapToObj(i -> String.format("bench%027d", i)).toList();
        try (EmulatorProcess emulator = EmulatorProcess.start(settings.outputDir().resolve("emulator.log"), pinning)) {
            emulator.addFinishedJobs(ids);
            ProducerThroughput bench = new ProducerThroughput(emulator, ids);
            pinning.pinContenders();
            try {
                measureProducers(settings, bench, rows);
            } finally {
                pinning.release();
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (ThroughputRow row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("contender", row.contender());
            m.put("latencyMs", row.latencyMs());
            m.put("concurrency", row.concurrency());
            m.put("ids", row.ids());
            m.put("calls", row.calls());
            m.put("idsPerSecond", Math.round(row.idsPerSecond()));
            m.put("wallOverBound", row.latencyMs() == 0 ? null : round2(row.boundRatio()));
            out.add(m);
        }
        return out;
    }

    private static void measureProducers(BenchSettings settings, ProducerThroughput bench, List<ThroughputRow> rows)
            throws Exception {
        for (int latency : settings.latenciesMs()) {
            bench.latency(latency);
            // one unmeasured pass of each, so that every contender runs warmed up
            bench.officialSdk(latency, 1);
            bench.bareLoop(latency, 4);
            bench.camelProducer(latency, 4);
            for (int c : settings.concurrencies()) {
                rows.add(best(settings, () -> bench.officialSdk(latency, c)));
                rows.add(best(settings, () -> bench.bareLoop(latency, c)));
                rows.add(best(settings, () -> bench.camelProducer(latency, c)));
            }
            rows.add(best(settings, () -> bench.camelProducer(latency, null)));
        }
    }

    private interface Measurement {
        ThroughputRow run() throws Exception;
    }

    /** The fastest of the measured runs: the others were slowed by something other than the contender. */
    private static ThroughputRow best(BenchSettings settings, Measurement measurement) throws Exception {
        ThroughputRow best = null;
        for (int i = 0; i < settings.measuredRuns(); i++) {
            ThroughputRow row = measurement.run();
            if (best == null || row.nanos() < best.nanos()) {
                best = row;
            }
        }
        return best;
    }

    private static Map<String, Object> jmh(BenchSettings settings) throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.include(SignerAndParserBenchmarks.class.getSimpleName()).threads(1).shouldFailOnError(true);
        if (settings.smoke()) {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(200)).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200));
        } else {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(5)
                    .measurementTime(TimeValue.seconds(1));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (RunResult result : new Runner(options.build()).run()) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("opsPerSecond", Math.round(result.getPrimaryResult().getScore()));
            m.put("error", Math.round(result.getPrimaryResult().getScoreError()));
            out.put(name, m);
        }
        return out;
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
