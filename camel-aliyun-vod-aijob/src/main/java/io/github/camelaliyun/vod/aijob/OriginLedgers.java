package io.github.camelaliyun.vod.aijob;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submit ledgers of consumed jobs whose route has not yet completed successfully, one per {@link DeliveryOrigin},
 * kept by the component so that the job's next delivery (a new exchange, on a later poll) finds what the earlier one
 * submitted. In memory only: a restart or another node does not know them. Bounded: past {@link #MAX_ORIGINS} the
 * oldest is forgotten with a WARN (its job's next delivery would submit again).
 */
final class OriginLedgers {

    static final int MAX_ORIGINS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(OriginLedgers.class);

    private final Map<DeliveryOrigin, SubmitLedger> ledgers = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DeliveryOrigin, SubmitLedger> eldest) {
            if (size() <= MAX_ORIGINS) {
                return false;
            }
            LOG.warn("Forgetting the submits made for {} (more than {} consumed jobs whose route has not completed"
                     + " successfully): its next delivery would submit again", eldest.getKey(), MAX_ORIGINS);
            return true;
        }
    };

    synchronized SubmitLedger ledgerOf(DeliveryOrigin origin) {
        return ledgers.computeIfAbsent(origin, o -> new SubmitLedger(true));
    }

    /** The job's route completed successfully: a later delivery of it (if any) starts afresh. */
    synchronized void completed(DeliveryOrigin origin, SubmitLedger ledger) {
        ledgers.remove(origin, ledger);
    }

    synchronized int size() {
        return ledgers.size();
    }
}
