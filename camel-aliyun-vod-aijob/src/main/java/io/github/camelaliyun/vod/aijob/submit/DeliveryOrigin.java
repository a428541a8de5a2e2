package io.github.camelaliyun.vod.aijob.submit;

/**
 * Which consumed job an exchange delivers, under which lease: the consumer sets it as an exchange property on each
 * exchange it creates. A job whose route failed comes again on a later poll as a new exchange with the same label and
 * job, which the producer treats like a Camel redelivery of the same exchange (see {@link SubmitLedger}); the lease
 * token lets only the delivery that holds the job write its submit ledger.
 */
public record DeliveryOrigin(String label, String jobId, String leaseToken) {

    /** The exchange property holding it; internal to the component. */
    public static final String PROPERTY = "CamelAliyunVodAiJobDeliveryOrigin";

    @Override
    public String toString() {
        return "job " + jobId + " delivered by aivod-aijob:" + label;
    }
}
