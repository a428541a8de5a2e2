package io.github.camelaliyun.vod.aijob.client;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * An RPC-style OpenAPI call before it is sent: the signers add what their scheme needs (query parameters for the
 * HMAC-SHA1 signature, {@code x-acs-*} headers for V3), then the transport sends it as is. Query parameters and
 * headers are kept sorted because both signatures need them sorted.
 */
public final class AcsRequest {

    private final String method;
    private final String host;
    private final String action;
    private final String version;
    private final TreeMap<String, String> query = new TreeMap<>();
    private final TreeMap<String, String> headers = new TreeMap<>();
    private final TreeMap<String, String> form = new TreeMap<>();

    /**
     * @param method  HTTP method, {@code POST} for the calls this component makes
     * @param host    the host as it is sent in the {@code Host} header ({@code name} or {@code name:port})
     * @param action  the API action, for example {@code ListAIJob}
     * @param version the API version, for example {@code 2017-03-21}
     */
    public AcsRequest(String method, String host, String action, String version) {
        this.method = method;
        this.host = host;
        this.action = action;
        this.version = version;
    }

    public String method() {
        return method;
    }

    public String host() {
        return host;
    }

    public String action() {
        return action;
    }

    public String version() {
        return version;
    }

    /** Query parameters sorted by name; signers may add to it. */
    public Map<String, String> query() {
        return query;
    }

    /** Headers sorted by lower-case name; signers may add to it. */
    public Map<String, String> headers() {
        return headers;
    }

    public AcsRequest queryParam(String name, String value) {
        query.put(name, value);
        return this;
    }

    /**
     * A parameter sent in a form body rather than the query (V3 only: its signature covers the body's hash). For a
     * secret parameter: the request line, which HTTP clients log at DEBUG, then does not hold it.
     */
    public AcsRequest formParam(String name, String value) {
        form.put(name, value);
        return this;
    }

    /** The form body, percent-encoded like the query; empty when no parameter goes in the body. */
    public String formBody() {
        return encode(form);
    }

    public AcsRequest header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    /** The query parameters, sorted and percent-encoded, joined with {@code &}: both the wire form and the signed form. */
    public String canonicalQueryString() {
        return encode(query);
    }

    private static String encode(Map<String, String> params) {
        StringJoiner joiner = new StringJoiner("&");
        for (Map.Entry<String, String> e : params.entrySet()) {
            joiner.add(AcsPercentEncoder.encode(e.getKey()) + '=' + AcsPercentEncoder.encode(e.getValue()));
        }
        return joiner.toString();
    }
}
