package io.github.camelaliyun.vod.aijob.observability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;

/**
 * The statistics of each label of a component, made when the first endpoint of the label is, and kept across restarts
 * of the context. When the context's registry holds a Micrometer {@code MeterRegistry}, each label's figures are also
 * meters while the component runs. Micrometer is optional: without it on the class path, the class that uses it is
 * never loaded.
 */
public final class LabelStatisticsRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(LabelStatisticsRegistry.class);
    public static final String METER_REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private final Map<String, LabelStatistics> byLabel = new ConcurrentHashMap<>();
    /** Binds a label's meters, answering how to remove them; null when no MeterRegistry is used. */
    private Function<LabelStatistics, Runnable> meters;
    private final Map<String, Runnable> boundMeters = new ConcurrentHashMap<>();

    public LabelStatistics of(String label) {
        LabelStatistics statistics = byLabel.get(label);
        if (statistics != null) {
            return statistics;
        }
        synchronized (this) {
            statistics = byLabel.computeIfAbsent(label, LabelStatistics::new);
            bindMeters(statistics);
            return statistics;
        }
    }

    /** Every label's statistics, by label. */
    public List<LabelStatistics> all() {
        List<LabelStatistics> all = new ArrayList<>(byLabel.values());
        all.sort(Comparator.comparing(LabelStatistics::label));
        return all;
    }

    /** When the component starts: meters for every label, if the context has a MeterRegistry. */
    public synchronized void start(CamelContext context) {
        meters = micrometerVisible() ? VodAiJobMeters.binder(context) : null;
        byLabel.values().forEach(this::bindMeters);
    }

    /**
     * Whether Micrometer is there for this component's classes: asked of their own class loader, which is the one
     * {@link VodAiJobMeters} would link against (the context's class resolver may see another, in an application
     * server or OSGi).
     */
    private static boolean micrometerVisible() {
        try {
            Class.forName(METER_REGISTRY_CLASS, false, LabelStatisticsRegistry.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** When the component stops: its meters leave the registry (a restart binds them again), its stores are closed. */
    public synchronized void stop() {
        boundMeters.values().forEach(Runnable::run);
        boundMeters.clear();
        meters = null;
        byLabel.values().forEach(LabelStatistics::forgetStore);
    }

    private void bindMeters(LabelStatistics statistics) {
        if (meters != null && !boundMeters.containsKey(statistics.label())) {
            try {
                boundMeters.put(statistics.label(), meters.apply(statistics));
            } catch (RuntimeException e) {
                LOG.warn("aivod-aijob:{}: could not register its Micrometer meters: {}", statistics.label(), e.toString());
            }
        }
    }
}
