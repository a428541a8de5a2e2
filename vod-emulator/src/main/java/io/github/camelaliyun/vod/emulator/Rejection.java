package io.github.camelaliyun.vod.emulator;

/** Stops the handling of a call with the error reply the service would send. */
final class Rejection extends RuntimeException {

    private final transient ApiError error;

    Rejection(ApiError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
