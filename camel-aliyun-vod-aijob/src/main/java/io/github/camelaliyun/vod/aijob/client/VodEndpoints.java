package io.github.camelaliyun.vod.aijob.client;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/** Where the VOD API lives for a region, and the checks on a region id or an endpoint URL. */
public final class VodEndpoints {

    /** The regions where the AI job API (ListAIJob, SubmitAIJob) is offered. */
    public static final List<String> AI_JOB_REGIONS = List.of("cn-beijing", "cn-shanghai", "ap-southeast-1");

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
                                               + String.join(", ", AI_JOB_REGIONS));
        }
        if (!endpointOverridden && !AI_JOB_REGIONS.contains(regionId)) {
            throw new IllegalArgumentException("regionId '" + regionId + "' does not offer the VOD AI job API: use one of "
                                               + String.join(", ", AI_JOB_REGIONS)
                                               + ", or set the endpoint option to the URL to call");
        }
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
