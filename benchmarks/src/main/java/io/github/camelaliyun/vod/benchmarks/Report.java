package io.github.camelaliyun.vod.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Turns the results into the Markdown table of docs/benchmarks.md, with the ratios and the targets. */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report) {
        StringBuilder md = new StringBuilder();
        md.append("Mode: ").append(report.get("mode")).append("; machine: ").append(report.get("machine")).append("\n\n");
        md.append("Producer benchmark: ").append(report.get("producerSetup")).append("\n\n");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("throughput");
        md.append("### Producer throughput\n\n| contender | latency ms | C | ids/s | calls | wall / bound |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> row : rows) {
            md.append("| ").append(row.get("contender")).append(" | ").append(row.get("latencyMs")).append(" | ")
                    .append(row.get("concurrency")).append(" | ")
                    .append(BenchmarkMain.format(((Number) row.get("idsPerSecond")).doubleValue())).append(" | ")
                    .append(row.get("calls")).append(" | ")
                    .append(row.get("wallOverBound") == null ? "" : row.get("wallOverBound")).append(" |\n");
        }
        md.append("\n### Ratios and targets\n\n| what | value | target | met |\n|---|---:|---:|---|\n");
        for (int latency : latencies(rows)) {
            for (int c : new int[] { 1, 4, 16 }) {
                Double ours = rate(rows, "our producer", latency, c);
                Double sdk = rate(rows, c == 1 ? "official SDK, loop" : "official SDK, thread pool", latency, c);
                Double bare = rate(rows, "bare loop, our client", latency, c);
                if (ours != null && sdk != null) {
                    ratio(md, "ours / official SDK, " + latency + " ms, C=" + c, ours / sdk,
                            latency == 0 && c <= 4 ? 1.5 : null);
                }
                if (ours != null && bare != null) {
                    ratio(md, "ours / bare loop, " + latency + " ms, C=" + c, ours / bare, 0.9);
                }
            }
            Double defaults = rate(rows, "our producer, defaults", latency, null);
            Double sdkLoop = rate(rows, "official SDK, loop", latency, 1);
            if (latency > 0 && defaults != null && sdkLoop != null) {
                ratio(md, "ours with defaults / official SDK loop, " + latency + " ms", defaults / sdkLoop, 3.5);
            }
            if (latency > 0) {
                for (Map<String, Object> row : rows) {
                    if (row.get("contender").equals("our producer") && ((Number) row.get("latencyMs")).intValue() == latency
                            && ((Number) row.get("concurrency")).intValue() == 4) {
                        double value = ((Number) row.get("wallOverBound")).doubleValue();
                        md.append("| our producer wall time / round-trip bound, ").append(latency).append(" ms, C=4 | ")
                                .append(value).append(" | <= 1.2 | ").append(value <= 1.2 ? "yes" : "NO").append(" |\n");
                    }
                }
            }
        }
        Map<String, Object> consumer = (Map<String, Object>) report.get("consumer");
        md.append("\n### Consumer (").append(consumer.get("pendingJobs")).append(" pending jobs)\n\n")
                .append("| what | value | target | met |\n|---|---:|---:|---|\n");
        for (Map<String, Object> poll : (List<Map<String, Object>>) consumer.get("polls")) {
            boolean exact = Objects.equals(poll.get("calls"), ((Number) poll.get("expectedCalls")).longValue());
            md.append("| poll of ").append(poll.get("pending")).append(" pending: calls, time | ").append(poll.get("calls"))
                    .append(" calls, ").append(poll.get("millis")).append(" ms | ").append(poll.get("expectedCalls"))
                    .append(" calls | ").append(exact ? "yes" : "NO").append(" |\n");
        }
        double heap = ((Number) consumer.get("heapBytesPerPendingJob")).doubleValue();
        md.append("| heap per pending job (memory store) | ").append(String.format(Locale.ROOT, "%.0f B", heap))
                .append(" | <= 256 B | ").append(heap <= 256 ? "yes" : "NO").append(" |\n");
        Map<String, Object> file = (Map<String, Object>) consumer.get("fileStore");
        double reopen = ((Number) file.get("reopenMillis")).doubleValue();
        md.append("| file store: reopen with ").append(file.get("pending")).append(" pending (file ")
                .append(BenchmarkMain.format(((Number) file.get("fileBytes")).doubleValue())).append(" bytes) | ")
                .append(String.format(Locale.ROOT, "%.0f ms", reopen)).append(" | < 1000 ms | ")
                .append(reopen < 1000 ? "yes" : "NO").append(" |\n");
        Map<String, Object> jmh = (Map<String, Object>) report.get("jmh");
        if (jmh != null) {
            md.append("\n### Micro-benchmarks (JMH, one thread, ops/s)\n\n| benchmark | ops/s | ± |\n|---|---:|---:|\n");
            for (Map.Entry<String, Object> e : jmh.entrySet()) {
                Map<String, Object> m = (Map<String, Object>) e.getValue();
                md.append("| ").append(e.getKey()).append(" | ")
                        .append(BenchmarkMain.format(((Number) m.get("opsPerSecond")).doubleValue())).append(" | ")
                        .append(BenchmarkMain.format(((Number) m.get("error")).doubleValue())).append(" |\n");
            }
            for (String signer : new String[] { "oursV3Sign", "oursRpcSign" }) {
                Map<String, Object> m = (Map<String, Object>) jmh.get(signer);
                if (m != null) {
                    double ops = ((Number) m.get("opsPerSecond")).doubleValue();
                    md.append("\n").append(signer).append(": ").append(BenchmarkMain.format(ops))
                            .append(" signatures/s on one core; target >= 200,000: ")
                            .append(ops >= 200_000 ? "met" : "NOT met").append('\n');
                }
            }
        }
        return md.toString();
    }

    private static void ratio(StringBuilder md, String what, double value, Double target) {
        md.append("| ").append(what).append(" | ").append(String.format(Locale.ROOT, "%.2f", value)).append(" | ")
                .append(target == null ? "" : ">= " + target).append(" | ")
                .append(target == null ? "" : value >= target ? "yes" : "NO").append(" |\n");
    }

    private static List<Integer> latencies(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("latencyMs")).intValue()).distinct().toList();
    }

    private static Double rate(List<Map<String, Object>> rows, String contender, int latency, Integer c) {
        return rows.stream()
                .filter(r -> r.get("contender").equals(contender) && ((Number) r.get("latencyMs")).intValue() == latency
                        && (c == null || ((Number) r.get("concurrency")).intValue() == c))
                .map(r -> ((Number) r.get("idsPerSecond")).doubleValue()).findFirst().orElse(null);
    }
}
