package io.github.camelaliyun.vod.emulator;

/** The ways ListAIJob replies have been seen to put their lists; the client must read them all. */
public enum ResponseShape {
    /** As the live service answers: {@code "AIJobList": {"AIJob": [...]}}, {@code "NonExistAIJobIds": {"String": [...]}}. */
    WRAPPED,
    /** As the published sample: the non-existent ids as one JSON array serialized into a string inside {@code String}. */
    PUBLISHED_SAMPLE,
    /** Plain arrays: {@code "AIJobList": [...]}, {@code "NonExistAIJobIds": [...]}. */
    FLAT,
    /** Wrapped, but a list of one item is that item alone ({@code "AIJob": {...}}), as XML-to-JSON converters write it. */
    SINGLE_ITEM_UNWRAPPED,
    /** Wrapped, with empty lists left out altogether. */
    OMIT_EMPTY
}
