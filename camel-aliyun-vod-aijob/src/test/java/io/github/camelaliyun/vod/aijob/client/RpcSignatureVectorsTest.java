package io.github.camelaliyun.vod.aijob.client;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Published RPC (HMAC-SHA1) signature vectors: string to sign and signature for fixed inputs. */
class RpcSignatureVectorsTest {

    @ParameterizedTest(name = "vector A {0}")
    @CsvSource({ "GET, OLeaidS1JvxuMvnyHOwuJ+uX5qY=", "POST, MxbnVAM4w6sft9xjVpe/GCKueuk=" })
    void vectorA(String method, String expected) {
        AcsRequest request = new AcsRequest(method, "ecs.aliyuncs.com", "DescribeRegions", "2014-05-26")
                .queryParam("AccessKeyId", "testid")
                .queryParam("Action", "DescribeRegions")
                .queryParam("Format", "XML")
                .queryParam("SignatureMethod", "HMAC-SHA1")
                .queryParam("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf")
                .queryParam("SignatureVersion", "1.0")
                .queryParam("Timestamp", "2016-02-23T12:46:24Z")
                .queryParam("Version", "2014-05-26");

        assertThat(RpcHmacSha1Signer.signature(method, request.query(), "testsecret"))
                .isEqualTo(expected);
    }

    /** Vector B through the whole signer: it adds every common parameter itself, Format=JSON included. */
    @ParameterizedTest(name = "vector B {0}")
    @CsvSource({ "GET, 9NaGiOspFP5UPcwX8Iwt2YJXXuk=", "POST, ZvQ9xGiFnquSJRvj+WE6kdSpTwU=" })
    void vectorB(String method, String expected) {
        AcsRequest request = new AcsRequest(method, "ecs.aliyuncs.com", "DescribeDedicatedHosts", "2014-05-26")
                .queryParam("RegionId", "cn-beijing");

        new RpcHmacSha1Signer().sign(request, new AlibabaCloudCredentials("testid", "testsecret", null),
                Instant.parse("2023-03-13T08:34:30Z"), "edb2b34af0af9a6d14deaf7c1a5315eb");

        assertThat(request.query()).containsEntry("Signature", expected);
    }

    @Test
    void percentEncodingFollowsRfc3986() {
        assertThat(AcsPercentEncoder.encode("a b*c~d/e+f=g&h")).isEqualTo("a%20b%2Ac~d%2Fe%2Bf%3Dg%26h");
        assertThat(AcsPercentEncoder.encode("中é")).isEqualTo("%E4%B8%AD%C3%A9");
        assertThat(AcsPercentEncoder.encode("AZaz09-_.~")).isEqualTo("AZaz09-_.~");
    }
}
