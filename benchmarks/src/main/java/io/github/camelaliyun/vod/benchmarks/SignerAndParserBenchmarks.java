package io.github.camelaliyun.vod.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.aliyun.tea.TeaRequest;
import com.aliyuncs.auth.HmacSHA1Signer;
import com.aliyuncs.auth.RpcSignatureComposer;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.reader.JsonReader;
import com.aliyuncs.transform.UnmarshallerContext;
import com.aliyuncs.vod.model.v20170321.ListAIJobResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.github.camelaliyun.vod.aijob.client.AcsRequest;
import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.RpcHmacSha1Signer;
import io.github.camelaliyun.vod.aijob.client.V3HmacSha256Signer;
import io.github.camelaliyun.vod.aijob.client.VodResponseParser;
import io.github.camelaliyun.vod.aijob.model.ListAiJobsResult;

/**
 * Our signers and parser against the official SDKs' on the same inputs. Ours build the whole signed request (all
 * headers or common parameters, then the signature); the official ones are handed a prepared request and only sign,
 * so the comparison leans in their favour.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignerAndParserBenchmarks {

    private static final String TEN_IDS = "a718a3a1e8bb42ee3bc88921e9400001,a718a3a1e8bb42ee3bc88921e9400002,"
                                          + "a718a3a1e8bb42ee3bc88921e9400003,a718a3a1e8bb42ee3bc88921e9400004,"
                                          + "a718a3a1e8bb42ee3bc88921e9400005,a718a3a1e8bb42ee3bc88921e9400006,"
                                          + "a718a3a1e8bb42ee3bc88921e9400007,a718a3a1e8bb42ee3bc88921e9400008,"
                                          + "a718a3a1e8bb42ee3bc88921e9400009,a718a3a1e8bb42ee3bc88921e9400010";
    private static final AlibabaCloudCredentials CREDENTIALS
            = new AlibabaCloudCredentials("LTAI5tBenchmarkKey", "benchmark-secret-0123456789", null);

    private final V3HmacSha256Signer v3 = new V3HmacSha256Signer();
    private final RpcHmacSha1Signer rpc = new RpcHmacSha1Signer();
    private final VodResponseParser parser = new VodResponseParser();
    private final HmacSHA1Signer sdkSigner = new HmacSHA1Signer();
    private Instant now;
    private TeaRequest teaRequest;
    private Map<String, String> rpcParams;
    private byte[] sampleBytes;
    private String sample;
    private byte[] tenJobsBytes;
    private String tenJobs;

    @Setup
    public void setUp() throws IOException {
        now = Instant.now();
        AcsRequest prepared = new AcsRequest("POST", "vod.cn-shanghai.aliyuncs.com", "ListAIJob", "2017-03-21")
                .queryParam("JobIds", TEN_IDS);
        v3.sign(prepared, CREDENTIALS, now, "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        teaRequest = TeaRequest.create();
        teaRequest.method = "POST";
        teaRequest.pathname = "/";
        teaRequest.query = new HashMap<>(prepared.query());
        teaRequest.headers = new HashMap<>(prepared.headers());
        teaRequest.headers.remove("authorization");

        AcsRequest rpcPrepared = new AcsRequest("POST", "vod.cn-shanghai.aliyuncs.com", "ListAIJob", "2017-03-21")
                .queryParam("JobIds", TEN_IDS);
        rpc.sign(rpcPrepared, CREDENTIALS, now, "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        rpcParams = new HashMap<>(rpcPrepared.query());
        rpcParams.remove("Signature");

        sampleBytes = resource("/ListAIJob-sample-response.json");
        sample = new String(sampleBytes, StandardCharsets.UTF_8);
        tenJobsBytes = resource("/ListAIJob-ten-jobs.json");
        tenJobs = new String(tenJobsBytes, StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SignerAndParserBenchmarks.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Benchmark
    public AcsRequest oursV3Sign() {
        AcsRequest request = new AcsRequest("POST", "vod.cn-shanghai.aliyuncs.com", "ListAIJob", "2017-03-21")
                .queryParam("JobIds", TEN_IDS);
        v3.sign(request, CREDENTIALS, now, "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        return request;
    }

    @Benchmark
    public String officialV3Sign() throws Exception {
        return com.aliyun.openapiutil.Client.getAuthorization(teaRequest, "ACS3-HMAC-SHA256",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CREDENTIALS.accessKeyId(),
                CREDENTIALS.accessKeySecret());
    }

    @Benchmark
    public AcsRequest oursRpcSign() {
        AcsRequest request = new AcsRequest("POST", "vod.cn-shanghai.aliyuncs.com", "ListAIJob", "2017-03-21")
                .queryParam("JobIds", TEN_IDS);
        rpc.sign(request, CREDENTIALS, now, "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        return request;
    }

    @Benchmark
    public String officialRpcSign() {
        String stringToSign = RpcSignatureComposer.getComposer().composeStringToSign(MethodType.POST, null, sdkSigner,
                new HashMap<>(rpcParams), new HashMap<>(), new HashMap<>());
        return sdkSigner.signString(stringToSign, CREDENTIALS.accessKeySecret() + "&");
    }

    @Benchmark
    public ListAiJobsResult oursParseSample() {
        return parser.parseListAiJobs(sampleBytes);
    }

    @Benchmark
    public ListAIJobResponse officialParseSample() {
        return officialParse(sample);
    }

    @Benchmark
    public ListAiJobsResult oursParseTenJobs() {
        return parser.parseListAiJobs(tenJobsBytes);
    }

    @Benchmark
    public ListAIJobResponse officialParseTenJobs() {
        return officialParse(tenJobs);
    }

    /** What the SDK does with a reply body once its HTTP layer has read it as a String. */
    private static ListAIJobResponse officialParse(String json) {
        UnmarshallerContext context = new UnmarshallerContext();
        context.setResponseMap(new JsonReader().read(json, "ListAIJobResponse"));
        return new ListAIJobResponse().getInstance(context);
    }
}
