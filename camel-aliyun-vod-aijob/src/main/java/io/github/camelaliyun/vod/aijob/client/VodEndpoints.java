package io.github.camelaliyun.vod.aijob.client;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where the VOD API lives for a region, and the checks on a region id or an endpoint URL. */
public final class VodEndpoints {

    private static final Pattern REGION_ID = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");

    private VodEndpoints() {
    }

    /** The public endpoint of a region, {@code https://vod.<regionId>.aliyuncs.com/}. */
    public static URI forRegion(String regionId) {
        return URI.create("https://vod." + regionId + ".aliyuncs.com/");
    }

    /** Checks the form of a region id (such as {@code cn-shanghai}) and that it offers the AI job API. */
    public static void checkRegion(String regionId, boolean endpointOverridden) {
        if (regionId == null || !REGION_ID.matcher(regionId).matches()) {
            throw new IllegalArgumentException("Invalid regionId '" + regionId + "': a region id looks like cn-shanghai"
                                               + " (lower case, dash-separated); the AI job API is offered in "
                                               + String.join(", ", VodApi.AI_JOB_REGIONS));
        }
        if (!endpointOverridden && !VodApi.AI_JOB_REGIONS.contains(regionId)) {
            throw new IllegalArgumentException("regionId '" + regionId + "' does not offer the VOD AI job API: use one of "
                                               + String.join(", ", VodApi.AI_JOB_REGIONS)
                                               + ", or set the endpoint option to the URL to call");
        }
    }

    /**
     * Refuses plain HTTP to another machine: requests, replies and the job data in them would cross the network
     * unencrypted (the signature keeps the secret itself off the wire, not the STS token or the data). Loopback is
     * allowed, for the emulator and local proxies.
     */
    public static void checkTransport(URI endpoint, boolean allowInsecureHttp) {
        if ("http".equalsIgnoreCase(endpoint.getScheme()) && !isLoopback(endpoint.getHost()) && !allowInsecureHttp) {
            throw new IllegalArgumentException("Refusing endpoint " + endpoint + ": plain http:// to a host other than"
                                               + " this machine sends requests and replies (job data, STS tokens)"
                                               + " unencrypted; use https://, or set allowInsecureHttp=true if the"
                                               + " network between here and that host is trusted");
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    /** Parses and checks an endpoint URL: http or https, with a host, no query. */
    public static URI parseEndpoint(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid endpoint '" + endpoint + "': " + e.getMessage()
                                               + "; expected a URL such as https://vod.cn-shanghai.aliyuncs.com", e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("Invalid endpoint '" + endpoint + "': expected an http or https URL with a"
                                               + " host and no query, such as https://vod.cn-shanghai.aliyuncs.com");
        }
        return uri;
    }
}
