package io.github.camelaliyun.vod.aijob.client.mns;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MNS signature against strings-to-sign written out by hand from the MNS reference ("Sign requests"), each HMAC
 * computed here with javax.crypto, not with the production signer: verb, Content-MD5 (empty when not sent),
 * Content-Type, Date, the x-mns-* headers in lower case and sorted, then the resource with its query.
 */
class MnsSignatureVectorsTest {

    private static final String SECRET = "testSecretKey0123456789";

    @Test
    void aBatchReceiveWithLongPollingSignsItsQueryAndTheVersionHeader() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Date", "Thu, 03 Dec 2026 05:30:00 GMT");
        headers.put("Content-Type", "text/xml;charset=UTF-8");
        headers.put("X-MNS-Version", "2015-06-06");
        headers.put("Host", "123456789.mns.cn-shanghai.aliyuncs.com"); // not signed

        String toSign = MnsSignature.stringToSign("GET", "", "text/xml;charset=UTF-8",
                "Thu, 03 Dec 2026 05:30:00 GMT", headers, "/queues/vod-events/messages?numOfMessages=16&waitseconds=30");

        String byHand = "GET\n"
                        + "\n"
                        + "text/xml;charset=UTF-8\n"
                        + "Thu, 03 Dec 2026 05:30:00 GMT\n"
                        + "x-mns-version:2015-06-06\n"
                        + "/queues/vod-events/messages?numOfMessages=16&waitseconds=30";
        assertThat(toSign).isEqualTo(byHand);
        assertThat(MnsSignature.sign(SECRET, toSign)).isEqualTo(hmacSha1Base64(SECRET, byHand));
    }

    @Test
    void severalMnsHeadersAreSortedByTheirLowerCaseNamesAndOthersLeftOut() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-mns-version", "2015-06-06");
        headers.put("X-MNS-Date", "Thu, 03 Dec 2026 05:30:00 GMT");
        headers.put("x-mns-a-custom", " spaced ");
        headers.put("security-token", "sts-token"); // sent, not signed

        String toSign = MnsSignature.stringToSign("DELETE", "XrY7u+Ae7tCTyyK7j1rNww==", "text/xml;charset=UTF-8",
                "Thu, 03 Dec 2026 05:30:00 GMT", headers, "/queues/q1/messages");

        String byHand = "DELETE\n"
                        + "XrY7u+Ae7tCTyyK7j1rNww==\n"
                        + "text/xml;charset=UTF-8\n"
                        + "Thu, 03 Dec 2026 05:30:00 GMT\n"
                        + "x-mns-a-custom:spaced\n"
                        + "x-mns-date:Thu, 03 Dec 2026 05:30:00 GMT\n"
                        + "x-mns-version:2015-06-06\n"
                        + "/queues/q1/messages";
        assertThat(toSign).isEqualTo(byHand);
        assertThat(MnsSignature.sign(SECRET, toSign)).isEqualTo(hmacSha1Base64(SECRET, byHand));
        assertThat(MnsSignature.authorization("LTAIexample", "abc=")).isEqualTo("MNS LTAIexample:abc=");
    }

    @Test
    void aKnownDigest() {
        // HMAC-SHA1("key", "The quick brown fox jumps over the lazy dog") = de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9
        assertThat(MnsSignature.sign("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo(Base64.getEncoder().encodeToString(java.util.HexFormat.of()
                        .parseHex("de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9")));
    }

    private static String hmacSha1Base64(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
