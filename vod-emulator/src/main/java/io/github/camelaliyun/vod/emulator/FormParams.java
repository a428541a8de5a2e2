package io.github.camelaliyun.vod.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads a query string or a form body ({@code a=1&b=2}) the way Alibaba Cloud's servers do, sorted by name. */
final class FormParams {

    private FormParams() {
    }

    static SortedMap<String, String> parse(String raw) {
        SortedMap<String, String> params = new TreeMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(decode(name), decode(value));
        }
        return params;
    }

    private static String decode(String s) {
        // a literal '+' would be a space in form encoding; signatures encode spaces as %20, so keep '+' as '+'
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
