package io.github.camelaliyun.vod.aijob.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelaliyun.vod.aijob.VodAiJobConstants;
import io.github.camelaliyun.vod.aijob.VodAiJobOperations;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The input headers of an operation drive the endpoint that read them and no other: left on the message, they would
 * decide what a later aivod-aijob endpoint of the route does (an operation header turning a lookup into a paid submit,
 * a media id header choosing the video of a fallback submit, old ids tracked instead of a submit's result). They leave
 * the message when the operation ends, whether it succeeded or failed. A failed operation's are set aside on the
 * exchange, for that endpoint only: Camel's redelivery of the exchange to it gets them back, and a later endpoint (a
 * {@code doCatch} fallback, say) never sees them.
 */
public final class InputHeaders {

    /** The exchange property holding a failed operation's input headers; internal to the component. */
    public static final String SET_ASIDE = "CamelAliyunVodAiJobFailedInput";

    /** A failed operation's input headers, and the endpoint that read them. */
    record SetAside(String endpointKey, Map<String, Object> headers) {
    }

    private InputHeaders() {
    }

    /** Removes the operation header and the headers {@code operation} reads. */
    public static void consumed(Message message, VodAiJobOperations operation) {
        names(operation).forEach(message::removeHeader);
    }

    /**
     * The operation at {@code endpointKey} failed: its input headers leave the message, kept on the exchange for a
     * redelivery to the same endpoint. {@code operation} is null when the operation header itself could not be read.
     */
    public static void failed(Exchange exchange, String endpointKey, VodAiJobOperations operation) {
        Message message = exchange.getMessage();
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String name : operation == null ? List.of(VodAiJobConstants.OPERATION) : names(operation)) {
            Object value = message.removeHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        if (!headers.isEmpty()) {
            exchange.setProperty(SET_ASIDE, new SetAside(endpointKey, headers));
        }
    }

    /**
     * Before an operation at {@code endpointKey} reads its input: on Camel's redelivery of an exchange whose last
     * attempt there failed, the headers that attempt read are put back (unless the message holds them again).
     * Whatever is set aside goes: it served this endpoint's redelivery, or belongs to an attempt that is over.
     */
    public static void beforeRead(Exchange exchange, String endpointKey) {
        Object held = exchange.getProperty(SET_ASIDE);
        if (!(held instanceof SetAside setAside)) {
            return;
        }
        exchange.removeProperty(SET_ASIDE);
        Message message = exchange.getMessage();
        boolean redelivered = Boolean.TRUE.equals(message.getHeader(Exchange.REDELIVERED, Boolean.class));
        if (redelivered && setAside.endpointKey().equals(endpointKey)
            && setAside.headers().keySet().stream().noneMatch(name -> message.getHeader(name) != null)) {
            setAside.headers().forEach(message::setHeader);
        }
    }

    private static List<String> names(VodAiJobOperations operation) {
        List<String> names = new ArrayList<>();
        names.add(VodAiJobConstants.OPERATION);
        if (operation == VodAiJobOperations.submitAiJob) {
            names.add(VodAiJobConstants.SUBMIT_MEDIA_ID);
            names.add(VodAiJobConstants.SUBMIT_JOB_TYPES);
            names.add(VodAiJobConstants.SUBMIT_CONFIG);
            names.add(VodAiJobConstants.SUBMIT_USER_DATA);
        } else if (operation != VodAiJobOperations.setMessageCallback && operation != VodAiJobOperations.vodEvent) {
            names.add(VodAiJobConstants.JOB_IDS);
        }
        return names;
    }
}
