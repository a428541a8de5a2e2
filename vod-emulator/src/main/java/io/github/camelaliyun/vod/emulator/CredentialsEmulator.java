package io.github.camelaliyun.vod.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * Where temporary credentials come from, on loopback: STS ({@code AssumeRoleWithOIDC}, anonymous; {@code AssumeRole},
 * with its RPC signature checked) and the ECS instance metadata service (IMDSv2 token, role listing, the role's
 * credentials, IMDSv1 unless told to refuse it). Every credential it issues lives {@link #lifetime(Duration)} (a few
 * seconds in tests) and is registered with the {@link VodEmulator}s it {@link #issuesFor issues for}, which refuse
 * it once expired.
 *
 * <pre>
 * CredentialsEmulator sts = CredentialsEmulator.start().issuesFor(vod).lifetime(Duration.ofSeconds(3));
 * sts.acceptOidcToken("token-1");                         // AssumeRoleWithOIDC with this token succeeds
 * ... ALIBABA_CLOUD_STS_ENDPOINT = sts.url(), metadata address = sts.uri() ...
 * </pre>
 */
public final class CredentialsEmulator implements AutoCloseable {

    public static final String STS_VERSION = "2015-04-01";
    public static final String DEFAULT_ECS_ROLE = "emulator-ecs-role";
    private static final ObjectMapper JSON = new ObjectMapper();


    /** One issued credential, as a test sees it. */
    public record Issued(String accessKeyId, String accessKeySecret, String securityToken, Instant expiration,
            String via) {

        @Override
        public String toString() {
            return "Issued[" + accessKeyId + ", expiring " + expiration + ", via " + via + "]";
        }
    }

    private final LoopbackHttpServer server;
    private final RequestVerifier verifier = new RequestVerifier(Instant::now);
    private final List<VodEmulator> services = new CopyOnWriteArrayList<>();
    private final List<Issued> issued = new CopyOnWriteArrayList<>();
    private final List<String> oidcTokensSeen = new CopyOnWriteArrayList<>();
    private final List<String> stsErrors = new CopyOnWriteArrayList<>();
    private final Set<String> acceptedOidcTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> imdsTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger imdsV1Calls = new AtomicInteger();
    private final AtomicInteger imdsV2Calls = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofHours(1);
    private volatile String ecsRole = DEFAULT_ECS_ROLE;
    private volatile boolean imdsV2TokenRefused;
    private volatile boolean imdsV1Refused;

    private CredentialsEmulator(int port) throws IOException {
        this.server = LoopbackHttpServer.start(port, 64, "credentials-emulator", this::handle);
    }

    /** Starts on a free loopback port. */
    public static CredentialsEmulator start() {
        return start(0);
    }

    /** Starts on the given loopback port (0 for any free one), for a process whose environment names it already. */
    public static CredentialsEmulator start(int port) {
        try {
            return new CredentialsEmulator(port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the credentials emulator on port " + port + ": "
                                            + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the STS endpoint and the metadata service address at once. */
    public String url() {
        return server.url();
    }

    public URI uri() {
        return URI.create(url());
    }

    /** Registers every credential issued from now on with this VOD emulator, until it expires. */
    public CredentialsEmulator issuesFor(VodEmulator vod) {
        services.add(vod);
        return this;
    }

    /** How long issued credentials live (an hour by default); the Expiration field has whole seconds. */
    public CredentialsEmulator lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    /** A long-term key that may sign AssumeRole. */
    public CredentialsEmulator addRamUser(String accessKeyId, String accessKeySecret) {
        verifier.addKey(accessKeyId, accessKeySecret, null);
        return this;
    }

    /** An OIDC token that AssumeRoleWithOIDC accepts (any other is refused with InvalidParameter.OIDCToken). */
    public CredentialsEmulator acceptOidcToken(String token) {
        acceptedOidcTokens.add(token);
        return this;
    }

    /** The role the metadata service lists; {@code null} for an instance without a RAM role. */
    public CredentialsEmulator ecsRole(String roleName) {
        this.ecsRole = roleName;
        return this;
    }

    /** The metadata service answers the IMDSv2 token request with 403 (as with IMDSv2 turned off). */
    public CredentialsEmulator refuseImdsV2Token(boolean refuse) {
        this.imdsV2TokenRefused = refuse;
        return this;
    }

    /** The metadata service requires the IMDSv2 token (answers 401 without it), as in hardened mode. */
    public CredentialsEmulator refuseImdsV1(boolean refuse) {
        this.imdsV1Refused = refuse;
        return this;
    }

    /** The next STS calls (one per code) fail with these codes, such as {@code Throttling.User}. */
    public CredentialsEmulator failNextStsCalls(String... codes) {
        stsErrors.addAll(List.of(codes));
        return this;
    }

    public List<Issued> issued() {
        return List.copyOf(issued);
    }

    /** The OIDC tokens AssumeRoleWithOIDC was called with, in order. */
    public List<String> oidcTokensSeen() {
        return List.copyOf(oidcTokensSeen);
    }

    /** Credentials calls of the metadata service made with an IMDSv2 token, and without. */
    public int imdsV2Calls() {
        return imdsV2Calls.get();
    }

    public int imdsV1Calls() {
        return imdsV1Calls.get();
    }

    @Override
    public void close() {
        server.close();
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            answer = path.startsWith("/latest/") ? metadata(exchange, path) : sts(exchange, body);
        } catch (RuntimeException e) {
            answer = new Answer(500, "text/plain", ("emulator failure: " + e).getBytes(StandardCharsets.UTF_8));
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }

    // ---- ECS instance metadata service

    private Answer metadata(HttpExchange exchange, String path) {
        String method = exchange.getRequestMethod();
        if (path.equals("/latest/api/token")) {
            if (!"PUT".equals(method) || imdsV2TokenRefused
                    || exchange.getRequestHeaders().getFirst("X-aliyun-ecs-metadata-token-ttl-seconds") == null) {
                return text(403, "Forbidden");
            }
            String token = "imds-" + UUID.randomUUID();
            imdsTokens.add(token);
            return text(200, token);
        }
        String prefix = "/latest/meta-data/ram/security-credentials/";
        if (!"GET".equals(method) || !path.startsWith(prefix)) {
            return text(404, "Not Found");
        }
        String token = exchange.getRequestHeaders().getFirst("X-aliyun-ecs-metadata-token");
        if (token != null && !imdsTokens.contains(token)) {
            return text(401, "Unauthorized");
        }
        if (token == null && imdsV1Refused) {
            return text(401, "Unauthorized");
        }
        String role = path.substring(prefix.length());
        String current = ecsRole;
        if (role.isEmpty()) {
            return current == null ? text(404, "Not Found") : text(200, current);
        }
        if (!role.equals(current)) {
            return text(404, "Not Found");
        }
        (token != null ? imdsV2Calls : imdsV1Calls).incrementAndGet();
        Issued credentials = issue("ECS metadata service");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("AccessKeyId", credentials.accessKeyId());
        body.put("AccessKeySecret", credentials.accessKeySecret());
        body.put("Expiration", credentials.expiration().toString());
        body.put("SecurityToken", credentials.securityToken());
        body.put("LastUpdated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("Code", "Success");
        return json(200, body);
    }

    // ---- STS

    private Answer sts(HttpExchange exchange, byte[] body) {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        SortedMap<String, String> params = FormParams.parse(exchange.getRequestURI().getRawQuery());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            params.putAll(FormParams.parse(new String(body, StandardCharsets.UTF_8)));
        }
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                throw new Rejection(new ApiError(405, "MethodNotAllowed", "Use POST."));
            }
            if (!STS_VERSION.equals(params.get("Version"))) {
                throw new Rejection(new ApiError(400, "InvalidVersion", "Specified parameter Version is not valid."));
            }
            String action = params.get("Action");
            if ("AssumeRoleWithOIDC".equals(action)) {
                return assumeRoleWithOidc(params, requestId);
            }
            if ("AssumeRole".equals(action)) {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
                verifier.verify("POST", params, headers, body);
                return assumeRole(params, requestId);
            }
            throw new Rejection(ApiError.unknownAction(String.valueOf(action)));
        } catch (Rejection rejection) {
            return stsError(rejection.error(), requestId);
        }
    }

    private Answer assumeRoleWithOidc(SortedMap<String, String> params, String requestId) {
        for (String required : new String[] { "RoleArn", "OIDCProviderArn", "OIDCToken", "RoleSessionName" }) {
            if (params.get(required) == null || params.get(required).isBlank()) {
                throw new Rejection(ApiError.missingParameter(required));
            }
        }
        checkRoleParams(params);
        String token = params.get("OIDCToken");
        oidcTokensSeen.add(token);
        injectedError();
        if (!acceptedOidcTokens.contains(token)) {
            throw new Rejection(new ApiError(400, "InvalidParameter.OIDCToken",
                    "The specified OIDCToken is invalid or expired."));
        }
        return stsCredentials(issue("AssumeRoleWithOIDC"), params, requestId);
    }

    private Answer assumeRole(SortedMap<String, String> params, String requestId) {
        for (String required : new String[] { "RoleArn", "RoleSessionName" }) {
            if (params.get(required) == null || params.get(required).isBlank()) {
                throw new Rejection(ApiError.missingParameter(required));
            }
        }
        checkRoleParams(params);
        injectedError();
        Issued credentials = issue("AssumeRole");
        // a role's credentials may assume another role (chained profiles)
        verifier.addKey(credentials.accessKeyId(), credentials.accessKeySecret(), credentials.securityToken(),
                credentials.expiration());
        return stsCredentials(credentials, params, requestId);
    }

    private static void checkRoleParams(SortedMap<String, String> params) {
        if (!params.get("RoleSessionName").matches("[A-Za-z0-9.@_-]{2,64}")) {
            throw new Rejection(ApiError.invalidParameter("The parameter RoleSessionName is invalid."));
        }
        String duration = params.get("DurationSeconds");
        if (duration != null && (!duration.matches("[0-9]{1,6}") || Integer.parseInt(duration) < 900)) {
            throw new Rejection(new ApiError(400, "InvalidParameter.DurationSeconds",
                    "The parameter DurationSeconds is out of range."));
        }
        if (!params.get("RoleArn").startsWith("acs:ram::")) {
            throw new Rejection(new ApiError(400, "InvalidParameter.RoleArn", "The parameter RoleArn is invalid."));
        }
    }

    private void injectedError() {
        if (!stsErrors.isEmpty()) {
            String code = stsErrors.remove(0);
            throw new Rejection(new ApiError(code.startsWith("Throttling") ? 400 : code.startsWith("Internal")
                    ? 500 : 400, code, "Injected by the credentials emulator."));
        }
    }

    private Answer stsCredentials(Issued credentials, SortedMap<String, String> params, String requestId) {
        Map<String, Object> creds = new LinkedHashMap<>();
        creds.put("AccessKeyId", credentials.accessKeyId());
        creds.put("AccessKeySecret", credentials.accessKeySecret());
        creds.put("SecurityToken", credentials.securityToken());
        creds.put("Expiration", credentials.expiration().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("AssumedRoleUser", Map.of("Arn", params.get("RoleArn") + "/" + params.get("RoleSessionName"),
                "AssumedRoleId", "3" + counter.get() + ":" + params.get("RoleSessionName")));
        body.put("Credentials", creds);
        return json(200, body);
    }

    private Answer stsError(ApiError error, String requestId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("HostId", "sts.emulator.local");
        body.put("Code", error.code());
        body.put("Message", error.message());
        return json(error.httpStatus(), body);
    }

    private Issued issue(String via) {
        int n = counter.incrementAndGet();
        Instant expiration = Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        Issued credentials = new Issued("STS.emulator." + n, "sts-secret-" + UUID.randomUUID(),
                "sts-token-" + UUID.randomUUID() + "-" + n, expiration, via);
        for (VodEmulator vod : services) {
            vod.addStsCredentials(credentials.accessKeyId(), credentials.accessKeySecret(),
                    credentials.securityToken(), expiration);
        }
        issued.add(credentials);
        return credentials;
    }

    private static Answer text(int status, String text) {
        return new Answer(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    private static Answer json(int status, Object body) {
        try {
            return new Answer(status, "application/json;charset=utf-8", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }



    @Override
    public String toString() {
        return "CredentialsEmulator[" + url() + ", issued " + issued.size() + "]";
    }

    /** For {@link #toString()}-free debugging in tests: the access key ids issued, in order. */
    public List<String> issuedAccessKeyIds() {
        List<String> ids = new ArrayList<>();
        issued.forEach(i -> ids.add(i.accessKeyId()));
        return ids;
    }
}
