package io.github.camelaliyun.vod.aijob.client.mns;

import java.util.Objects;

/**
 * One message received from an MNS queue.
 *
 * @param messageId     the message's id, the same each time it is received
 * @param receiptHandle what deletes this receipt of it; it no longer works once the message is visible again
 * @param body          the message body as the queue holds it (VOD writes JSON, or its Base64)
 * @param dequeueCount  how many times the message has been received, this time included
 */
public record MnsMessage(String messageId, String receiptHandle, String body, int dequeueCount) {

    public MnsMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        body = body == null ? "" : body;
    }

    @Override
    public String toString() {
        return "MnsMessage[messageId=" + messageId + ", dequeueCount=" + dequeueCount + "]";
    }
}
