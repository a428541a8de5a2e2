package io.github.camelaliyun.vod.aijob.client;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The two signature schemes ApsaraVideo VOD accepts. */
public enum SignatureAlgorithm {

    /** V3 signature in the {@code Authorization} header; the default. */
    ACS3_HMAC_SHA256("ACS3-HMAC-SHA256"),
    /** The older RPC query signature, {@code SignatureVersion=1.0}. */
    HMAC_SHA1("HMAC-SHA1");

    public static final String NAMES = "ACS3-HMAC-SHA256,HMAC-SHA1";

    private final String algorithmName;

    SignatureAlgorithm(String algorithmName) {
        this.algorithmName = algorithmName;
    }

    public String algorithmName() {
        return algorithmName;
    }

    public RequestSigner newSigner() {
        return this == ACS3_HMAC_SHA256 ? new V3HmacSha256Signer() : new RpcHmacSha1Signer();
    }

    /** Accepts the official names ({@code ACS3-HMAC-SHA256}) and the enum names, ignoring case. */
    public static SignatureAlgorithm fromName(String name) {
        for (SignatureAlgorithm a : values()) {
            if (a.algorithmName.equalsIgnoreCase(name) || a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown signatureAlgorithm '" + name + "': use one of "
                                           + Arrays.stream(values()).map(SignatureAlgorithm::algorithmName)
                                                   .collect(Collectors.joining(", ")));
    }
}
