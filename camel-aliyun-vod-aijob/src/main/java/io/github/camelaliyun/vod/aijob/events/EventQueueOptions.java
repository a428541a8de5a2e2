package io.github.camelaliyun.vod.aijob.events;

import java.net.URI;
import java.util.Locale;

import io.github.camelaliyun.vod.aijob.VodAiJobConfiguration;
import io.github.camelaliyun.vod.aijob.client.VodEndpoints;
import io.github.camelaliyun.vod.aijob.client.mns.MnsQueueClient;

/**
 * The options of a label's MNS event queue ({@code eventQueue}, {@code eventQueueEndpoint} and the receive settings),
 * and of {@code callbackType}, checked when the endpoint is created: a wrong value fails the route before it starts.
 */
public final class EventQueueOptions {

    /** MNS queue names: letters, digits and hyphens, starting with a letter or digit, at most 256 characters. */
    private static final String QUEUE_NAME = "[A-Za-z0-9][A-Za-z0-9-]{0,255}";

    private EventQueueOptions() {
    }

    public static void check(VodAiJobConfiguration conf) {
        String type = conf.getCallbackType();
        if (type == null || !(type.equals("HTTP") || type.equals("MNS"))) {
            throw new IllegalArgumentException("Invalid callbackType '" + type + "': HTTP (VOD posts events to"
                                               + " callbackUrl) or MNS (VOD writes them into the queue eventQueue at"
                                               + " eventQueueEndpoint)");
        }
        if (conf.getEventQueueWaitSeconds() < 0 || conf.getEventQueueWaitSeconds() > MnsQueueClient.MAX_WAIT_SECONDS) {
            throw new IllegalArgumentException("Invalid eventQueueWaitSeconds " + conf.getEventQueueWaitSeconds()
                                               + ": allowed 0 to " + MnsQueueClient.MAX_WAIT_SECONDS
                                               + " (MNS's longest long poll)");
        }
        if (conf.getEventQueueBatchSize() < 1 || conf.getEventQueueBatchSize() > MnsQueueClient.MAX_BATCH) {
            throw new IllegalArgumentException("Invalid eventQueueBatchSize " + conf.getEventQueueBatchSize()
                                               + ": allowed 1 to " + MnsQueueClient.MAX_BATCH
                                               + " (MNS's largest batch)");
        }
        if (isSet(conf.getEventQueue())) {
            queueName(conf);
            endpoint(conf);
        } else if (isSet(conf.getEventQueueEndpoint())) {
            endpoint(conf);
        }
    }

    public static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** The queue's name, checked. */
    public static String queueName(VodAiJobConfiguration conf) {
        String name = conf.getEventQueue() == null ? "" : conf.getEventQueue().strip();
        if (!name.matches(QUEUE_NAME)) {
            throw new IllegalArgumentException("Invalid eventQueue '" + conf.getEventQueue() + "': an MNS queue name"
                                               + " (letters, digits and hyphens, starting with a letter or digit, at"
                                               + " most 256 characters), such as vod-events");
        }
        return name;
    }

    /** The queue's endpoint, checked: http(s), a host, plain http only to loopback unless allowInsecureHttp. */
    public static URI endpoint(VodAiJobConfiguration conf) {
        String text = conf.getEventQueueEndpoint();
        if (!isSet(text)) {
            throw new IllegalArgumentException("eventQueue needs eventQueueEndpoint: the MNS endpoint of the queue's"
                                               + " account and region, https://<account id>.mns.<region>.aliyuncs.com");
        }
        URI uri;
        try {
            uri = VodEndpoints.parseEndpoint(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid eventQueueEndpoint '" + text + "': expected a URL such as"
                                               + " https://123456789.mns.cn-shanghai.aliyuncs.com", e);
        }
        VodEndpoints.checkTransport(uri, conf.isAllowInsecureHttp());
        return uri;
    }

    /** Whether {@code callbackType} is MNS. */
    public static boolean isMns(VodAiJobConfiguration conf) {
        return "MNS".equals(conf.getCallbackType() == null ? null : conf.getCallbackType().toUpperCase(Locale.ROOT));
    }
}
