package io.github.camelaliyun.vod.emulator;

import java.util.SortedMap;

/** A call whose signature, timestamp and nonce passed: what it asks for, and how it was signed. */
record VerifiedCall(String action, String version, SortedMap<String, String> params, String accessKeyId,
        String signatureKind) {
}
