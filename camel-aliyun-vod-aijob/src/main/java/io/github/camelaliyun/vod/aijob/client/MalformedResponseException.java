package io.github.camelaliyun.vod.aijob.client;

/** The service answered, but not with a body this client can read. */
public class MalformedResponseException extends RuntimeException {

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
