package io.github.camelaliyun.vod.aijob;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;

import io.github.camelaliyun.vod.aijob.client.SubmitAiJobRequest;
import io.github.camelaliyun.vod.aijob.model.SubmitAiJobResult;

/**
 * What the submitAiJob calls made for one exchange left uncertain or unfinished, kept on the exchange (Camel's
 * redelivery sends the same exchange again) so that a redelivery does not pay twice: a SubmitAIJob whose outcome is
 * unknown (the jobs may exist), or one that created jobs that could not be added to the job store. Split and
 * multicast copies share it, hence the synchronization.
 */
final class SubmitLedger {

    /** The exchange property holding the ledger; internal to the component. */
    static final String PROPERTY = "CamelAliyunVodAiJobSubmitLedger";

    /** One earlier SubmitAIJob: {@code result} is null when its outcome is unknown. */
    record Entry(SubmitAiJobRequest request, SubmitAiJobResult result, Throwable failure) {

        boolean sameVideoAndSomeType(SubmitAiJobRequest other) {
            return request.mediaId().equals(other.mediaId())
                    && other.types().stream().anyMatch(request.types()::contains);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** The exchange's ledger, created the first time something needs recording. */
    static SubmitLedger of(Exchange exchange) {
        synchronized (exchange) {
            SubmitLedger ledger = exchange.getProperty(PROPERTY, SubmitLedger.class);
            if (ledger == null) {
                ledger = new SubmitLedger();
                exchange.setProperty(PROPERTY, ledger);
            }
            return ledger;
        }
    }

    /** The earlier call on this exchange for the same video and at least one of the same types, or null. */
    static Entry find(Exchange exchange, SubmitAiJobRequest request) {
        SubmitLedger ledger = exchange.getProperty(PROPERTY, SubmitLedger.class);
        return ledger == null ? null : ledger.find(request);
    }

    /** The call for this video and types is settled (it created jobs, and they are tracked if asked). */
    static void settled(Exchange exchange, SubmitAiJobRequest request) {
        SubmitLedger ledger = exchange.getProperty(PROPERTY, SubmitLedger.class);
        if (ledger != null) {
            ledger.settled(request);
        }
    }

    private synchronized Entry find(SubmitAiJobRequest request) {
        return entries.stream().filter(e -> e.sameVideoAndSomeType(request)).findFirst().orElse(null);
    }

    synchronized void outcomeUnknown(SubmitAiJobRequest request, Throwable failure) {
        entries.add(new Entry(request, null, failure));
    }

    synchronized void createdNotTracked(SubmitAiJobRequest request, SubmitAiJobResult result, Throwable failure) {
        entries.add(new Entry(request, result, failure));
    }

    private synchronized void settled(SubmitAiJobRequest request) {
        entries.removeIf(e -> e.sameVideoAndSomeType(request));
    }
}
