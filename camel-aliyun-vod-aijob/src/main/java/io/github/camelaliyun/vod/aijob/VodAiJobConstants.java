package io.github.camelaliyun.vod.aijob;

/** The names the component is known by; headers are added here, each documented, as operations use them. */
public final class VodAiJobConstants {

    public static final String SCHEME = "aivod-aijob";

    private VodAiJobConstants() {
    }
}
