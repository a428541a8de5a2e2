package io.github.camelaliyun.vod.aijob.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.stats.ActionCalls;
import io.github.camelaliyun.vod.aijob.stats.CallOutcome;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
import io.github.camelaliyun.vod.aijob.stats.QueueFigures;

/**
 * A label's statistics as Micrometer meters, which read {@link LabelStatistics} when scraped (the dev console and JMX
 * read the same figures). Tags are bounded: {@code label}, {@code action}, {@code outcome}; never a job id. The only
 * class of the component that uses Micrometer: {@link LabelStatisticsRegistry} loads it only when Micrometer is on the
 * class path.
 */
public final class VodAiJobMeters {

    private static final Logger LOG = LoggerFactory.getLogger(VodAiJobMeters.class);
    /** The name camel-micrometer looks a registry up by; taken first here too. */
    public static final String CAMEL_METRICS_REGISTRY_NAME = "metricsRegistry";

    private VodAiJobMeters() {
    }

    /** Binds meters to the context's MeterRegistry; {@code null} when it has none (or several, none of them chosen). */
    public static Function<LabelStatistics, Runnable> binder(CamelContext context) {
        MeterRegistry registry = find(context);
        if (registry == null) {
            return null;
        }
        LOG.debug("aivod-aijob meters go to {}", registry.getClass().getSimpleName());
        return statistics -> bind(registry, statistics);
    }

    private static MeterRegistry find(CamelContext context) {
        MeterRegistry named = context.getRegistry().lookupByNameAndType(CAMEL_METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (named != null) {
            return named;
        }
        Set<MeterRegistry> found = context.getRegistry().findByType(MeterRegistry.class);
        if (found.size() == 1) {
            return found.iterator().next();
        }
        // Spring Boot with several registries makes a composite of them, which is the one to use
        List<MeterRegistry> composites = found.stream().filter(CompositeMeterRegistry.class::isInstance).toList();
        if (composites.size() == 1) {
            return composites.get(0);
        }
        if (!found.isEmpty()) {
            LOG.info("aivod-aijob: {} MeterRegistry beans and none named {}: no meters registered; bind the one to use"
                     + " under that name", found.size(), CAMEL_METRICS_REGISTRY_NAME);
        }
        return null;
    }

    /** Registers the label's meters; answers what removes them. */
    public static Runnable bind(MeterRegistry registry, LabelStatistics statistics) {
        List<Meter> meters = new ArrayList<>();
        Tags label = Tags.of("label", statistics.label());
        for (String action : LabelStatistics.ACTIONS) {
            ActionCalls calls = statistics.calls(action);
            Tags tags = label.and("action", action);
            for (CallOutcome outcome : CallOutcome.values()) {
                meters.add(FunctionCounter.builder("aivod.aijob.calls", calls, c -> c.count(outcome))
                        .tags(tags).tag("outcome", outcome.name())
                        .description("Calls to the VOD AI job API that ended, by outcome after their retries")
                        .register(registry));
            }
            meters.add(FunctionCounter.builder("aivod.aijob.retries", calls, ActionCalls::retries).tags(tags)
                    .description("Attempts that failed and were tried again").register(registry));
            meters.add(FunctionCounter.builder("aivod.aijob.throttled", calls, ActionCalls::throttledAttempts)
                    .tags(tags).description("Attempts the service answered with a throttling error")
                    .register(registry));
        }
        meters.add(Gauge.builder("aivod.aijob.pending", statistics, pendingJobs()).tags(label).baseUnit("jobs")
                .description("Jobs the label waits for (its job store); NaN while no endpoint of the label uses a store")
                .register(registry));
        meters.add(Gauge.builder("aivod.aijob.claimed", statistics, LabelStatistics::claimedJobs).tags(label)
                .baseUnit("jobs").description("Jobs of the label that this node's consumers hold leased")
                .register(registry));
        meters.add(TimeGauge.builder("aivod.aijob.pending.oldest.age", statistics, TimeUnit.MILLISECONDS,
                s -> millisOrZero(s.oldestPendingAge())).tags(label)
                .description("How long the oldest pending job of the label has been waited for").register(registry));
        meters.add(deliveries(registry, statistics, label, "delivered", LabelStatistics::deliveredJobs));
        meters.add(deliveries(registry, statistics, label, "failed", LabelStatistics::failedDeliveries));
        meters.add(deliveries(registry, statistics, label, "dropped", LabelStatistics::droppedAfterMaxDeliveries));
        meters.add(FunctionTimer.builder("aivod.aijob.delivery.lag", statistics.deliveryLag(),
                lag -> lag.count(), lag -> lag.totalMillis(), TimeUnit.MILLISECONDS).tags(label)
                .description("From a job's completion at the service to its hand-over to the route").register(registry));
        meters.add(callbackEvents(registry, statistics, label, "accepted", LabelStatistics::callbackEventsAccepted));
        meters.add(callbackEvents(registry, statistics, label, "ignored", LabelStatistics::callbackEventsIgnored));
        meters.add(callbackEvents(registry, statistics, label, "refused", LabelStatistics::callbackEventsRefused));
        meters.add(FunctionCounter.builder("aivod.aijob.event.queue.receives", statistics,
                s -> s.queue().receives()).tags(label)
                .description("Receive calls of the label's MNS event queue answered").register(registry));
        meters.add(queueMessages(registry, statistics, label, "accepted", q -> q.acceptedEvents()));
        meters.add(queueMessages(registry, statistics, label, "ignored", q -> q.ignoredEvents()));
        meters.add(queueMessages(registry, statistics, label, "poison", q -> q.poisonMessages()));
        meters.add(FunctionCounter.builder("aivod.aijob.event.queue.deleted", statistics,
                s -> s.queue().deletedMessages()).tags(label)
                .description("Messages of the label's MNS event queue deleted once recorded").register(registry));
        meters.add(FunctionCounter.builder("aivod.aijob.event.queue.failures", statistics,
                s -> s.queue().failures()).tags(label)
                .description("Calls to the label's MNS event queue that failed after their retries")
                .register(registry));
        meters.add(FunctionCounter.builder("aivod.aijob.polls.failed", statistics, LabelStatistics::failedPolls)
                .tags(label).description("Polls in which no ListAIJob call went through").register(registry));
        return () -> meters.forEach(registry::remove);
    }

    private static ToDoubleFunction<LabelStatistics> pendingJobs() {
        return s -> {
            int pending = s.pendingJobs();
            return pending < 0 ? Double.NaN : pending;
        };
    }

    private static double millisOrZero(Duration age) {
        return age == null ? 0 : age.toMillis();
    }

    private static Meter callbackEvents(
            MeterRegistry registry, LabelStatistics statistics, Tags label, String outcome,
            ToDoubleFunction<LabelStatistics> count) {
        return FunctionCounter.builder("aivod.aijob.callback.events", statistics, count)
                .tags(label.and("outcome", outcome))
                .description("VOD event callbacks (operation=vodEvent) by what became of them").register(registry);
    }

    private static Meter queueMessages(
            MeterRegistry registry, LabelStatistics statistics, Tags label, String outcome,
            ToDoubleFunction<QueueFigures> count) {
        return FunctionCounter.builder("aivod.aijob.event.queue.messages", statistics, s -> count.applyAsDouble(s.queue()))
                .tags(label.and("outcome", outcome))
                .description("Messages of the label's MNS event queue by what became of them").register(registry);
    }

    private static Meter deliveries(
            MeterRegistry registry, LabelStatistics statistics, Tags label, String outcome,
            ToDoubleFunction<LabelStatistics> count) {
        return FunctionCounter.builder("aivod.aijob.deliveries", statistics, count).tags(label).tag("outcome", outcome)
                .description("Finished jobs handed to the route, by what the route did with them").register(registry);
    }
}
