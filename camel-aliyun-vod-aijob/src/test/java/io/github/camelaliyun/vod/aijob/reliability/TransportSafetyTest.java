package io.github.camelaliyun.vod.aijob.reliability;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.VodAiJobEndpoint;
import io.github.camelaliyun.vod.aijob.client.HttpVodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** HTTPS with certificate checks by default; plain HTTP to another machine only when explicitly allowed. */
class TransportSafetyTest extends CamelTestSupport {

    private static final String KEYS = "&accessKeyId=id&secretKey=secret";

    @TempDir
    Path dir;

    @Test
    void defaultEndpointIsHttps() throws Exception {
        VodAiJobEndpoint endpoint = context.getEndpoint("aivod-aijob:t?regionId=cn-beijing" + KEYS, VodAiJobEndpoint.class);
        endpoint.createProducer().start();

        assertThat(((HttpVodAiJobClient) endpoint.getClient()).settings().endpoint().toString())
                .isEqualTo("https://vod.cn-beijing.aliyuncs.com/");
    }

    @Test
    void plainHttpToAnotherHostIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:t?endpoint=http://vod-proxy.example.com" + KEYS))
                .hasMessageContaining("Refusing endpoint http://vod-proxy.example.com: plain http:// to a host other"
                                      + " than this machine sends requests and replies (job data, STS tokens)"
                                      + " unencrypted; use https://, or set allowInsecureHttp=true");

        VodAiJobEndpoint allowed = context.getEndpoint(
                "aivod-aijob:t?endpoint=http://vod-proxy.example.com&allowInsecureHttp=true" + KEYS, VodAiJobEndpoint.class);
        assertThat(allowed.getConfiguration().isAllowInsecureHttp()).isTrue();
        for (String loopback : List.of("http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9")) {
            assertThat(context.getEndpoint("aivod-aijob:t?endpoint=" + loopback + KEYS)).isNotNull();
        }
    }

    @Test
    void certificatesAreChecked() throws Exception {
        HttpsServer server = selfSignedServer();
        try {
            VodAiJobEndpoint endpoint = context.getEndpoint("aivod-aijob:tls?maxRetries=0&endpoint=https://127.0.0.1:"
                                                            + server.getAddress().getPort() + KEYS,
                    VodAiJobEndpoint.class);
            endpoint.createProducer().start();

            VodAiJobException e = catchThrowableOfType(VodAiJobException.class,
                    () -> endpoint.getClient().listAiJobs(List.of("a")));

            assertThat(e.getHttpStatus()).isZero();
            assertThat(e).hasStackTraceContaining("SSLHandshakeException");
        } finally {
            server.stop(0);
        }
    }

    /** An HTTPS server on loopback with a certificate nobody trusts, made by the JDK's keytool. */
    private HttpsServer selfSignedServer() throws Exception {
        Path keystore = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "vod", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
