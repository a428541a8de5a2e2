package io.github.camelaliyun.vod.aijob.input;

import org.apache.camel.Message;

/**
 * One input of an operation, and where it came from (for error messages): the message's header when the message
 * holds it, else the fallback (the endpoint's option, or the body). A header that is present is the input, even when
 * empty: an empty header is refused where it is read rather than silently replaced by something else.
 */
public record MessageInput(Object value, String source) {

    public static MessageInput headerElse(Message message, String header, Object fallback, String fallbackSource) {
        Object value = message.getHeader(header);
        return value != null ? new MessageInput(value, "header " + header) : new MessageInput(fallback, fallbackSource);
    }

    public static MessageInput headerElseBody(Message message, String header) {
        return headerElse(message, header, message.getBody(), "message body");
    }

    public boolean fromHeader() {
        return source.startsWith("header ");
    }
}
