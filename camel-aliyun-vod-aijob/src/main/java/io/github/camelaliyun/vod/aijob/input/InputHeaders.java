package io.github.camelaliyun.vod.aijob.input;

import io.github.camelaliyun.vod.aijob.VodAiJobConstants;
import io.github.camelaliyun.vod.aijob.VodAiJobOperations;
import org.apache.camel.Message;

/**
 * The input headers of an operation are gone once it succeeded: left on the message, they would decide what a later
 * aivod-aijob endpoint of the route does (an operation header turning a lookup into a paid submit, old ids tracked
 * instead of a submit's result). They stay when the operation fails, so that a redelivery sees the same input (Camel's
 * redelivery restores the message as it was before the failed attempt anyway).
 */
public final class InputHeaders {

    private InputHeaders() {
    }

    /** Removes the operation header and the headers {@code operation} reads. */
    public static void consumed(Message message, VodAiJobOperations operation) {
        message.removeHeader(VodAiJobConstants.OPERATION);
        if (operation == VodAiJobOperations.submitAiJob) {
            message.removeHeader(VodAiJobConstants.SUBMIT_MEDIA_ID);
            message.removeHeader(VodAiJobConstants.SUBMIT_JOB_TYPES);
            message.removeHeader(VodAiJobConstants.SUBMIT_CONFIG);
            message.removeHeader(VodAiJobConstants.SUBMIT_USER_DATA);
        } else if (operation != VodAiJobOperations.setMessageCallback) {
            message.removeHeader(VodAiJobConstants.JOB_IDS);
        }
    }
}
