package io.github.camelaliyun.vod.aijob.consume;

import io.github.camelaliyun.vod.aijob.VodAiJobConstants;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Synchronization;

import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;

/**
 * Counts what happens to a finished job the consumer hands to the route: the hand-over itself (with its delivery lag),
 * then the route's completion or failure, and a failure on the job's last delivery ({@code maxDeliveries}), after
 * which the consumer drops the job. Attached to the exchange, so the consumer's own completion logic stays as it is.
 */
public final class DeliveryCounting implements Synchronization {

    private final LabelStatistics statistics;
    private final boolean lastDelivery;

    private DeliveryCounting(LabelStatistics statistics, boolean lastDelivery) {
        this.statistics = statistics;
        this.lastDelivery = lastDelivery;
    }

    /** Just before the exchange goes to the route: its body is the job, its headers as the consumer set them. */
    public static void handOver(Exchange exchange, LabelStatistics statistics) {
        if (exchange.getMessage().getBody() instanceof AiJob job) {
            statistics.handedOver(job);
        }
        // read now: the route may change the headers, while the consumer decided on the value it set
        boolean last = exchange.getMessage().getHeader(VodAiJobConstants.LAST_DELIVERY, false, Boolean.class);
        exchange.getExchangeExtension().addOnCompletion(new DeliveryCounting(statistics, last));
    }

    @Override
    public void onComplete(Exchange exchange) {
        statistics.delivered();
    }

    @Override
    public void onFailure(Exchange exchange) {
        statistics.deliveryFailed();
        if (lastDelivery) {
            statistics.dropped();
        }
    }
}
