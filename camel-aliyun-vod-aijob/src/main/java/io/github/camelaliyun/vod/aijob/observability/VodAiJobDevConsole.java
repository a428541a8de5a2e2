package io.github.camelaliyun.vod.aijob.observability;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Component;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.TimeUtils;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

import io.github.camelaliyun.vod.aijob.stats.ActionCalls;
import io.github.camelaliyun.vod.aijob.stats.CallOutcome;
import io.github.camelaliyun.vod.aijob.stats.DeliveryLag;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
import io.github.camelaliyun.vod.aijob.stats.QueueFigures;
import io.github.camelaliyun.vod.aijob.stats.LastPoll;

/**
 * The {@code aivod-aijob} dev console ({@code camel get}, Camel's HTTP console, Hawtio): per label the backlog, the last
 * poll, the calls by action and outcome, the deliveries and their lag, and where the credentials come from (names
 * only); then the rate limiters. It reads the same {@link LabelStatistics} as JMX and Micrometer.
 */
@DevConsole(name = "aivod-aijob", displayName = "Alibaba Cloud VOD AI Job",
            description = "Pending jobs, polls, calls and delivery lag per label of the aivod-aijob component")
public class VodAiJobDevConsole extends AbstractDevConsole {

    public VodAiJobDevConsole() {
        super("camel", "aivod-aijob", "Alibaba Cloud VOD AI Job",
              "Pending jobs, polls, calls and delivery lag per label of the aivod-aijob component");
    }

    /** Every aivod-aijob component of the context (usually one, under its scheme). */
    private List<VodAiJobComponent> components() {
        List<VodAiJobComponent> found = new ArrayList<>();
        for (String name : getCamelContext().getComponentNames()) {
            Component component = getCamelContext().hasComponent(name);
            if (component instanceof VodAiJobComponent vod && !found.contains(vod)) {
                found.add(vod);
            }
        }
        return found;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (VodAiJobComponent component : components()) {
            for (LabelStatistics s : component.allStatistics()) {
                sb.append(String.format("Label: %s%n", s.label()));
                int pending = s.pendingJobs();
                Duration oldest = s.oldestPendingAge();
                sb.append(String.format("    Pending jobs: %s%n", pending < 0 ? "no job store in use" : pending));
                if (oldest != null) {
                    sb.append(String.format("    Oldest pending: %s%n", TimeUtils.printDuration(oldest, true)));
                }
                sb.append(String.format("    Claimed by this node: %d%n", s.claimedJobs()));
                LastPoll poll = s.lastPoll();
                if (poll != null) {
                    sb.append(String.format("    Last poll: %s, %s jobs asked, %d calls, %d errors, %d delivered%s%n",
                            poll.time(), poll.jobsAsked() < 0 ? "?" : poll.jobsAsked(), poll.calls(), poll.errors(),
                            poll.delivered(), poll.failure() == null ? "" : " (" + poll.failure() + ")"));
                }
                sb.append(String.format("    Failed polls: %d%n", s.failedPolls()));
                for (String action : s.actions()) {
                    ActionCalls calls = s.calls(action);
                    sb.append(String.format("    %s calls: ok %d, retried %d, throttled %d, failed %d;"
                                            + " retries %d, throttled attempts %d%n",
                            action, calls.count(CallOutcome.ok), calls.count(CallOutcome.retried),
                            calls.count(CallOutcome.throttled), calls.count(CallOutcome.failed), calls.retries(),
                            calls.throttledAttempts()));
                }
                sb.append(String.format("    Deliveries: %d completed, %d failed, %d dropped after maxDeliveries%n",
                        s.deliveredJobs(), s.failedDeliveries(), s.droppedAfterMaxDeliveries()));
                sb.append(String.format("    Callback events: %d accepted, %d ignored, %d refused%n",
                        s.callbackEventsAccepted(), s.callbackEventsIgnored(), s.callbackEventsRefused()));
                QueueFigures queue = s.queue();
                if (queue.receives() > 0 || queue.failures() > 0) {
                    sb.append(String.format("    Event queue: %d receives, %d messages: %d accepted, %d ignored, %d"
                                            + " poison; %d deleted in %d calls; %d failed calls%n",
                            queue.receives(), queue.messages(), queue.acceptedEvents(), queue.ignoredEvents(),
                            queue.poisonMessages(), queue.deletedMessages(), queue.deleteCalls(), queue.failures()));
                }
                DeliveryLag lag = s.deliveryLag();
                if (lag.count() > 0) {
                    sb.append(String.format("    Delivery lag: mean %s, max %s, last %s (%d jobs)%n",
                            TimeUtils.printDuration(lag.meanMillis(), true),
                            TimeUtils.printDuration(lag.maxMillis(), true),
                            TimeUtils.printDuration(lag.lastMillis(), true), lag.count()));
                }
                List<String> credentials = s.credentialsProviders();
                if (!credentials.isEmpty()) {
                    sb.append(String.format("    Credentials: %s%n", String.join(", ", credentials)));
                }
            }
            for (VodAiJobComponent.RateLimiterView limiter : component.rateLimiterViews()) {
                sb.append(String.format("Rate limiter: %s, %s: %d calls a second%n", limiter.account(),
                        limiter.action(), limiter.permitsPerSecond()));
            }
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        JsonArray labels = new JsonArray();
        JsonArray limiters = new JsonArray();
        root.put("labels", labels);
        root.put("rateLimiters", limiters);
        for (VodAiJobComponent component : components()) {
            for (LabelStatistics s : component.allStatistics()) {
                labels.add(toJson(s));
            }
            for (VodAiJobComponent.RateLimiterView limiter : component.rateLimiterViews()) {
                JsonObject jo = new JsonObject();
                jo.put("account", limiter.account());
                jo.put("action", limiter.action());
                jo.put("permitsPerSecond", limiter.permitsPerSecond());
                limiters.add(jo);
            }
        }
        return root;
    }

    private static JsonObject toJson(LabelStatistics s) {
        JsonObject jo = new JsonObject();
        jo.put("label", s.label());
        int pending = s.pendingJobs();
        if (pending >= 0) {
            jo.put("pendingJobs", pending);
        }
        Duration oldest = s.oldestPendingAge();
        if (oldest != null) {
            jo.put("oldestPendingAgeMillis", oldest.toMillis());
        }
        jo.put("claimedJobs", s.claimedJobs());
        LastPoll poll = s.lastPoll();
        if (poll != null) {
            JsonObject po = new JsonObject();
            po.put("time", poll.time().toString());
            po.put("timestamp", poll.time().toEpochMilli());
            if (poll.jobsAsked() >= 0) {
                po.put("jobsAsked", poll.jobsAsked());
            }
            po.put("calls", poll.calls());
            po.put("errors", poll.errors());
            po.put("delivered", poll.delivered());
            if (poll.failure() != null) {
                po.put("failure", poll.failure());
            }
            jo.put("lastPoll", po);
        }
        jo.put("failedPolls", s.failedPolls());
        JsonObject calls = new JsonObject();
        for (String action : s.actions()) {
            ActionCalls ac = s.calls(action);
            JsonObject co = new JsonObject();
            for (CallOutcome outcome : CallOutcome.values()) {
                co.put(outcome.name(), ac.count(outcome));
            }
            co.put("retries", ac.retries());
            co.put("throttledAttempts", ac.throttledAttempts());
            calls.put(action, co);
        }
        jo.put("calls", calls);
        JsonObject deliveries = new JsonObject();
        deliveries.put("completed", s.deliveredJobs());
        deliveries.put("failed", s.failedDeliveries());
        deliveries.put("dropped", s.droppedAfterMaxDeliveries());
        jo.put("deliveries", deliveries);
        JsonObject events = new JsonObject();
        events.put("accepted", s.callbackEventsAccepted());
        events.put("ignored", s.callbackEventsIgnored());
        events.put("refused", s.callbackEventsRefused());
        jo.put("callbackEvents", events);
        QueueFigures queue = s.queue();
        JsonObject qo = new JsonObject();
        qo.put("receives", queue.receives());
        qo.put("messages", queue.messages());
        qo.put("accepted", queue.acceptedEvents());
        qo.put("ignored", queue.ignoredEvents());
        qo.put("poison", queue.poisonMessages());
        qo.put("deleted", queue.deletedMessages());
        qo.put("deleteCalls", queue.deleteCalls());
        qo.put("failures", queue.failures());
        jo.put("eventQueue", qo);
        DeliveryLag lag = s.deliveryLag();
        JsonObject lo = new JsonObject();
        lo.put("count", lag.count());
        lo.put("meanMillis", lag.meanMillis());
        lo.put("maxMillis", lag.maxMillis());
        lo.put("lastMillis", lag.lastMillis());
        jo.put("deliveryLag", lo);
        jo.put("credentialsProviders", new JsonArray(s.credentialsProviders()));
        return jo;
    }
}
