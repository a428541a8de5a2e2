package io.github.camelaliyun.vod.aijob;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

import io.github.camelaliyun.vod.aijob.client.SubmitAiJobRequest;
import io.github.camelaliyun.vod.aijob.model.SubmitAiJobResult;

/**
 * What the submitAiJob calls made for one exchange left uncertain or unfinished, so that a redelivery does not pay
 * twice: a SubmitAIJob whose outcome is unknown (the jobs may exist), or one that created jobs that could not be added
 * to the job store. It is kept on the exchange (Camel's redelivery sends the same exchange again). An exchange that
 * delivers a consumed job ({@link DeliveryOrigin}) uses the ledger of that job instead, kept by the component until
 * the job's route completes successfully, which also remembers the submits that succeeded: the job's next delivery,
 * a new exchange, gets their result instead of submitting again. Split and multicast copies share it, hence the
 * synchronization.
 */
final class SubmitLedger {

    /** The exchange property holding the ledger; internal to the component. */
    static final String PROPERTY = "CamelAliyunVodAiJobSubmitLedger";

    /** One earlier SubmitAIJob: {@code result} is null when its outcome is unknown; {@code failure} null if none. */
    record Entry(SubmitAiJobRequest request, SubmitAiJobResult result, Throwable failure) {

        boolean sameVideoAndSomeType(SubmitAiJobRequest other) {
            return request.mediaId().equals(other.mediaId())
                    && other.types().stream().anyMatch(request.types()::contains);
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    /** Whether submits that succeeded are kept too (the ledger of a consumed job, for its next deliveries). */
    private final boolean keepsResults;

    SubmitLedger(boolean keepsResults) {
        this.keepsResults = keepsResults;
    }

    /**
     * The exchange's ledger: that of the consumed job it delivers (dropped once that exchange completes successfully,
     * kept when it fails), else one of its own.
     */
    static SubmitLedger of(Exchange exchange, OriginLedgers originLedgers) {
        synchronized (exchange) {
            SubmitLedger ledger = exchange.getProperty(PROPERTY, SubmitLedger.class);
            if (ledger != null) {
                return ledger;
            }
            DeliveryOrigin origin = exchange.getProperty(DeliveryOrigin.PROPERTY, DeliveryOrigin.class);
            if (origin == null) {
                ledger = new SubmitLedger(false);
            } else {
                SubmitLedger originLedger = originLedgers.ledgerOf(origin);
                ledger = originLedger;
                exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onComplete(Exchange done) {
                        originLedgers.completed(origin, originLedger);
                    }
                });
            }
            exchange.setProperty(PROPERTY, ledger);
            return ledger;
        }
    }

    /** The earlier call for the same video and at least one of the same types, or null. */
    synchronized Entry find(SubmitAiJobRequest request) {
        return entries.stream().filter(e -> e.sameVideoAndSomeType(request)).findFirst().orElse(null);
    }

    synchronized void outcomeUnknown(SubmitAiJobRequest request, Throwable failure) {
        replace(new Entry(request, null, failure));
    }

    synchronized void createdNotTracked(SubmitAiJobRequest request, SubmitAiJobResult result, Throwable failure) {
        replace(new Entry(request, result, failure));
    }

    /** The call for this video and types is settled: it created jobs, and they are tracked if asked. */
    synchronized void settled(SubmitAiJobRequest request, SubmitAiJobResult result) {
        entries.removeIf(e -> e.sameVideoAndSomeType(request));
        if (keepsResults) {
            entries.add(new Entry(request, result, null));
        }
    }

    private void replace(Entry entry) {
        entries.removeIf(e -> e.sameVideoAndSomeType(entry.request()));
        entries.add(entry);
    }
}
