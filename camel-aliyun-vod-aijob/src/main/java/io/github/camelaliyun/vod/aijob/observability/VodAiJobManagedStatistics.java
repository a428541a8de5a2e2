package io.github.camelaliyun.vod.aijob.observability;

import java.time.Duration;

import org.apache.camel.api.management.ManagedAttribute;

import io.github.camelaliyun.vod.aijob.stats.CallOutcome;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
import io.github.camelaliyun.vod.aijob.stats.LastPoll;

/**
 * The JMX attributes of the endpoint and the consumer (both {@code @ManagedResource}): the figures of their label, read
 * from {@link LabelStatistics}. Camel's JMX adds them to the endpoint's and the consumer's own MBeans, where Hawtio and
 * other JMX consoles show them. Default methods, so that the consumer only has to say where its label's figures are.
 */
public interface VodAiJobManagedStatistics {

    /** The figures of the label. */
    public LabelStatistics statistics();

    @ManagedAttribute(description = "Jobs the label waits for (-1 while no endpoint of the label uses its job store)")
    public default int getPendingJobs() {
        return statistics().pendingJobs();
    }

    @ManagedAttribute(description = "Milliseconds the oldest pending job has been waited for (0 when none)")
    public default long getOldestPendingAgeMillis() {
        Duration age = statistics().oldestPendingAge();
        return age == null ? 0 : age.toMillis();
    }

    @ManagedAttribute(description = "Jobs of the label that the consumers of this Camel context hold leased")
    public default int getClaimedJobs() {
        return statistics().claimedJobs();
    }

    @ManagedAttribute(description = "When the last poll's calls came back (ISO-8601), empty before the first poll")
    public default String getLastPollTime() {
        LastPoll poll = statistics().lastPoll();
        return poll == null ? "" : poll.time().toString();
    }

    @ManagedAttribute(description = "ListAIJob calls of the last poll")
    public default int getLastPollCalls() {
        LastPoll poll = statistics().lastPoll();
        return poll == null ? 0 : poll.calls();
    }

    @ManagedAttribute(description = "ListAIJob calls of the last poll that failed after their retries")
    public default int getLastPollErrors() {
        LastPoll poll = statistics().lastPoll();
        return poll == null ? 0 : poll.errors();
    }

    @ManagedAttribute(description = "Finished jobs the last poll handed to the route")
    public default int getLastPollDelivered() {
        LastPoll poll = statistics().lastPoll();
        return poll == null ? 0 : poll.delivered();
    }

    @ManagedAttribute(description = "Jobs whose route completed (they left the job store)")
    public default long getDeliveredJobs() {
        return statistics().deliveredJobs();
    }

    @ManagedAttribute(description = "Deliveries the route failed on (the job comes again, up to maxDeliveries)")
    public default long getFailedDeliveries() {
        return statistics().failedDeliveries();
    }

    @ManagedAttribute(description = "Jobs dropped after maxDeliveries failed deliveries")
    public default long getDroppedJobs() {
        return statistics().droppedAfterMaxDeliveries();
    }

    @ManagedAttribute(description = "VOD events (operation=vodEvent) verified that made a tracked job due")
    public default long getCallbackEventsAccepted() {
        return statistics().callbackEventsAccepted();
    }

    @ManagedAttribute(description = "VOD events refused: bad or missing signature, stale timestamp, too large, not an"
                                    + " event")
    public default long getCallbackEventsRefused() {
        return statistics().callbackEventsRefused();
    }

    @ManagedAttribute(description = "Receive calls of the event queue (eventQueue) answered, empty long polls included")
    public default long getEventQueueReceives() {
        return statistics().queue().receives();
    }

    @ManagedAttribute(description = "Event queue messages that made a job of the label due")
    public default long getEventQueueEventsAccepted() {
        return statistics().queue().acceptedEvents();
    }

    @ManagedAttribute(description = "Event queue messages that changed nothing: other event types, jobs of other"
                                    + " labels, jobs delivered already")
    public default long getEventQueueEventsIgnored() {
        return statistics().queue().ignoredEvents();
    }

    @ManagedAttribute(description = "Event queue messages that were no VOD event (deleted with a WARN)")
    public default long getEventQueuePoisonMessages() {
        return statistics().queue().poisonMessages();
    }

    @ManagedAttribute(description = "Event queue messages deleted after they were recorded")
    public default long getEventQueueMessagesDeleted() {
        return statistics().queue().deletedMessages();
    }

    @ManagedAttribute(description = "Event queue calls that failed after their retries (queue missing, access denied,"
                                    + " no answer)")
    public default long getEventQueueFailures() {
        return statistics().queue().failures();
    }

    @ManagedAttribute(description = "Calls (ListAIJob and SubmitAIJob) answered at the first attempt")
    public default long getCallsOk() {
        return statistics().calls(CallOutcome.ok);
    }

    @ManagedAttribute(description = "Calls answered after one or more retries")
    public default long getCallsRetried() {
        return statistics().calls(CallOutcome.retried);
    }

    @ManagedAttribute(description = "Calls that failed, throttled by the service at the last attempt")
    public default long getCallsThrottled() {
        return statistics().calls(CallOutcome.throttled);
    }

    @ManagedAttribute(description = "Calls that failed otherwise (error, no reply, no credentials)")
    public default long getCallsFailed() {
        return statistics().calls(CallOutcome.failed);
    }

    @ManagedAttribute(description = "Attempts that failed and were tried again")
    public default long getRetries() {
        return statistics().retries();
    }

    @ManagedAttribute(description = "Attempts the service answered with a throttling error")
    public default long getThrottledAttempts() {
        return statistics().throttledAttempts();
    }

    @ManagedAttribute(description = "Mean milliseconds from a job's completion at the service to its hand-over")
    public default long getDeliveryLagMeanMillis() {
        return statistics().deliveryLag().meanMillis();
    }

    @ManagedAttribute(description = "Longest milliseconds from a job's completion at the service to its hand-over")
    public default long getDeliveryLagMaxMillis() {
        return statistics().deliveryLag().maxMillis();
    }

    @ManagedAttribute(description = "Where the label's credentials come from (names only, never keys)")
    public default String getCredentialsProviders() {
        return String.join(", ", statistics().credentialsProviders());
    }
}
