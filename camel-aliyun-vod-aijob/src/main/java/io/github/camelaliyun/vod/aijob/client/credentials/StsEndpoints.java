package io.github.camelaliyun.vod.aijob.client.credentials;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where STS is called: {@code ALIBABA_CLOUD_STS_ENDPOINT} when set (a host name or a full URL; ACK's pod identity
 * webhook sets it), else {@code sts.<region>.aliyuncs.com} for {@code ALIBABA_CLOUD_STS_REGION} ({@code sts-vpc.} with
 * {@code ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true}), else {@code sts.aliyuncs.com}. Plain {@code http://} only to
 * loopback: the answer holds a secret.
 */
final class StsEndpoints {

    static final String ENV_STS_ENDPOINT = "ALIBABA_CLOUD_STS_ENDPOINT";
    static final String ENV_STS_REGION = "ALIBABA_CLOUD_STS_REGION";
    static final String ENV_VPC_ENDPOINT_ENABLED = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");

    private StsEndpoints() {
    }

    static URI resolve(CredentialsEnvironment env) {
        return resolve(env, null, null, null);
    }

    /**
     * @param region a profile's STS region, which wins over {@code ALIBABA_CLOUD_STS_REGION}; {@code null} for none
     * @param vpc    a profile's choice of the VPC endpoint, {@code null} for {@code ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED}
     * @param source what names {@code region} in errors
     */
    static URI resolve(CredentialsEnvironment env, String region, Boolean vpc, String source) {
        String endpoint = env.env(ENV_STS_ENDPOINT);
        if (endpoint != null) {
            return parse(endpoint, ENV_STS_ENDPOINT);
        }
        String regionSource = region != null ? source : ENV_STS_REGION;
        String stsRegion = region != null ? region : env.env(ENV_STS_REGION);
        if (stsRegion == null) {
            return URI.create("https://sts.aliyuncs.com/");
        }
        if (!REGION.matcher(stsRegion).matches()) {
            throw new IllegalArgumentException("Invalid " + regionSource + " '" + stsRegion + "': a region id looks like"
                                               + " cn-hangzhou");
        }
        boolean useVpc = vpc != null ? vpc : env.envIsTrue(ENV_VPC_ENDPOINT_ENABLED);
        return URI.create("https://" + (useVpc ? "sts-vpc." : "sts.") + stsRegion + ".aliyuncs.com/");
    }

    /** A host name ({@code sts.cn-hangzhou.aliyuncs.com}) or an https URL; http only to this machine. */
    static URI parse(String endpoint, String source) {
        if (HOST.matcher(endpoint).matches()) {
            return URI.create("https://" + endpoint + "/");
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getScheme() == null
                || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
            throw new IllegalArgumentException("Invalid " + source + " '" + endpoint + "': expected a host name such as"
                                               + " sts.cn-hangzhou.aliyuncs.com or a URL such as"
                                               + " https://sts.cn-hangzhou.aliyuncs.com");
        }
        if (uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("Refusing " + source + " '" + endpoint + "': STS answers with a secret,"
                                               + " which plain http:// would carry unencrypted; use https://");
        }
        return uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
