package io.github.camelaliyun.vod.aijob;

import io.github.camelaliyun.vod.aijob.consume.CheckSchedule;
import io.github.camelaliyun.vod.aijob.events.EventQueueOptions;
import io.github.camelaliyun.vod.aijob.events.MessageCallbackSettings;
import io.github.camelaliyun.vod.aijob.events.VodEventReceiver;
import io.github.camelaliyun.vod.aijob.input.JobIdsReader;
import io.github.camelaliyun.vod.aijob.submit.SubmitRequestReader;
import java.net.URI;
import java.time.Duration;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;
import io.github.camelaliyun.vod.aijob.client.RetryPolicy;
import io.github.camelaliyun.vod.aijob.client.SignatureAlgorithm;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClientSettings;
import io.github.camelaliyun.vod.aijob.client.VodEndpoints;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;

/**
 * Every option of the aivod-aijob component. Set on the component, an option is the default of every endpoint; set
 * on an endpoint, it applies to that endpoint alone.
 */
@UriParams
public class VodAiJobConfiguration implements Cloneable {

    @UriParam(label = "security", description = "The AccessKey ID to sign requests with. When neither this nor"
                                                + " secretKey is set, the credentialsProvider bean is used, else"
                                                + " Alibaba Cloud's default credentials chain (environment variables"
                                                + " ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET,"
                                                + " OIDC role, profiles, ECS RAM role).")
    private String accessKeyId;
    // the secret options are named as Camel's sensitive keys (secretKey, sessionToken, authKey): Camel masks a
    // configuration property or URI parameter by its name, and knows none of Alibaba's own
    @UriParam(label = "security", secret = true,
              description = "The AccessKey Secret (Alibaba Cloud's name) that belongs to accessKeyId.")
    private String secretKey;
    @UriParam(label = "security", secret = true,
              description = "The SecurityToken (Alibaba Cloud's name) of temporary STS credentials, set with the STS"
                            + " AccessKey pair of accessKeyId and secretKey. (Temporary credentials from the"
                            + " environment take ALIBABA_CLOUD_SECURITY_TOKEN; those of the default chain are"
                            + " refreshed by it.)")
    private String sessionToken;
    @UriParam(label = "security",
              description = "A CredentialsProvider of your own (for example for a rotation scheme), asked for the"
                            + " credentials of each call; autowired from the registry when there is exactly one. The"
                            + " accessKeyId and secretKey options win over it. Without either, Alibaba Cloud's"
                            + " default credentials chain is used: system properties, environment, OIDC role (ACK"
                            + " RRSA), CLI profile, credentials file, ECS RAM role, ALIBABA_CLOUD_CREDENTIALS_URI.")
    @Metadata(autowired = true)
    private CredentialsProvider credentialsProvider;
    @UriParam(defaultValue = "cn-shanghai",
              description = "The region of ApsaraVideo VOD. The AI job API is offered in cn-beijing, cn-shanghai and"
                            + " ap-southeast-1; the endpoint is https://vod.{regionId}.aliyuncs.com unless the endpoint"
                            + " option says otherwise.")
    private String regionId = "cn-shanghai";
    @UriParam(description = "The full URL to call instead of the region's public endpoint: a VPC endpoint"
                            + " (https://vod-vpc.cn-shanghai.aliyuncs.com), a proxy, or the local VOD emulator.")
    private String endpoint;
    @UriParam(label = "security", defaultValue = "false",
              description = "Allow an http:// endpoint on a host other than this machine. Off by default: requests"
                            + " and replies, with the job data and any STS token, would cross the network unencrypted."
                            + " Loopback (the emulator, a local proxy) needs no permission.")
    private boolean allowInsecureHttp;
    @UriParam(label = "security", defaultValue = "ACS3-HMAC-SHA256", enums = SignatureAlgorithm.NAMES,
              description = "How requests are signed: ACS3-HMAC-SHA256 (the V3 signature, in the Authorization header)"
                            + " or HMAC-SHA1 (the older RPC signature, in the query).")
    private String signatureAlgorithm = SignatureAlgorithm.ACS3_HMAC_SHA256.algorithmName();
    @UriParam(label = "advanced", javaType = "java.time.Duration", defaultValue = "10000",
              description = "How long to wait for a connection to the service, in milliseconds (or a duration such as"
                            + " 10s).")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", javaType = "java.time.Duration", defaultValue = "30000",
              description = "How long to wait for the service to answer a call, in milliseconds (or a duration such as"
                            + " 30s). A call that times out counts as a failed attempt and is retried.")
    private long requestTimeout = 30_000;
    @UriParam(label = "advanced", defaultValue = "3",
              description = "How many times a failed call is sent again when the failure is worth retrying"
                            + " (throttling, server errors, timeouts, dropped connections, expired nonce or timestamp)."
                            + " Authentication and parameter errors are never retried. 0 disables retries.")
    private int maxRetries = 3;
    @UriParam(label = "advanced", javaType = "java.time.Duration", defaultValue = "200",
              description = "The wait before the first retry, in milliseconds; each later retry waits"
                            + " retryBackoffMultiplier times longer, up to retryBackoffMaxDelay, with random jitter.")
    private long retryBackoffInitialDelay = 200;
    @UriParam(label = "advanced", javaType = "java.time.Duration", defaultValue = "10000",
              description = "The longest wait between two retries, in milliseconds.")
    private long retryBackoffMaxDelay = 10_000;
    @UriParam(label = "advanced", defaultValue = "2.0",
              description = "The factor the wait grows by from one retry to the next (1 or more).")
    private double retryBackoffMultiplier = 2.0;
    @UriParam(label = "producer", defaultValue = "listAiJobs",
              description = "What the producer does with a message; the CamelAliyunVodAiJobOperation header overrides"
                            + " it per message.")
    private VodAiJobOperations operation = VodAiJobOperations.listAiJobs;
    @UriParam(defaultValue = "4",
              description = "How many calls to the service one message (or one poll) may have in flight at once"
                            + " (1 to 64). The component's connection pool grows to the largest value in use.")
    private int maxConcurrentRequests = 4;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Fail the exchange when the service does not know some of the job ids, instead of only"
                            + " listing them in the CamelAliyunVodAiJobNonExistentIds header.")
    private boolean failOnNonExistent;
    @UriParam(label = "producer",
              description = "submitAiJob: the job types to start, AIMediaDNA (video fingerprinting), AIVideoTag (smart"
                            + " tagging) or both separated by a comma. The CamelAliyunVodAiJobSubmitTypes header overrides it.")
    private String jobTypes;
    @UriParam(label = "producer",
              description = "submitAiJob: the Config of the jobs, one JSON object (for example AIVideoTag.AnalyseTypes"
                            + " set to ASR,OCR asks smart tagging for speech and text recognition). The"
                            + " CamelAliyunVodAiJobSubmitConfig header overrides it.")
    private String config;
    @UriParam(label = "producer",
              description = "submitAiJob: UserData JSON passed through to the job (at most 512 bytes). The"
                            + " CamelAliyunVodAiJobSubmitUserData header overrides it.")
    private String userData;
    @UriParam(label = "producer", defaultValue = "false",
              description = "submitAiJob: add the new job ids to the job store of the endpoint's label, so that"
                            + " the consumer of the same label emits them when they finish.")
    private boolean track;
    @UriParam(label = "producer", defaultValue = "false",
              description = "submitAiJob: let a redelivery of an exchange submit again for a video whose earlier"
                            + " SubmitAIJob on that exchange ended without a known outcome (HTTP 500, a timeout, a"
                            + " dropped reply), when the jobs may exist and be billed. Off by default: the redelivery"
                            + " fails with a SubmitOutcomeUnknownException instead. Jobs known to exist (created, but"
                            + " not added to the job store) are never submitted again: a redelivery tracks them.")
    private boolean resubmitOnRedelivery;
    @UriParam(label = "producer",
              description = "The most calls a second of the action this endpoint's operation makes: SubmitAIJob"
                            + " for operation=submitAiJob, ListAIJob for listAiJobs and for the consumer; the other"
                            + " action is not affected. One limiter per account (the access key, or the"
                            + " credentials provider when keys rotate) and action is shared by the"
                            + " endpoints of the Camel context, at the lowest rate any of them sets, so a burst is"
                            + " smoothed rather than throttled. Unset: 30 for SubmitAIJob (the service's limit per"
                            + " account, applied to every submit), no limit for ListAIJob.")
    private Integer maxRequestsPerSecond;
    @UriParam(label = "consumer",
              description = "Job ids the consumer watches from the start, in addition to those the track operation"
                            + " adds: ids separated by commas or whitespace. They are added to the job store once: a job"
                            + " delivered is not added again when the consumer restarts on the same store (the file"
                            + " and dataSource stores remember this across restarts; a custom AiJobStore only if it"
                            + " implements seed).")
    private String jobIds;
    @UriParam(label = "consumer", defaultValue = "emit",
              description = "What the consumer does with a watched id the service does not know: emit it once with"
                            + " status NOT_FOUND, drop it (with a WARN), or keep watching it (until jobTimeout, if"
                            + " set).")
    private NonExistentJobsPolicy nonExistentJobs = NonExistentJobsPolicy.emit;
    @UriParam(label = "consumer", javaType = "java.time.Duration", defaultValue = "0",
              description = "A job pending longer than this (since it was tracked) is emitted once with status"
                            + " TIMED_OUT and no longer watched. 0 (the default) waits for ever.")
    private long jobTimeout;
    @UriParam(label = "consumer", defaultValue = "0",
              description = "The most exchanges one poll emits; the other finished jobs wait for the next poll."
                            + " 0 means no limit.")
    private int maxMessagesPerPoll;
    @UriParam(label = "consumer", defaultValue = "0",
              description = "The most times the consumer delivers one job whose exchange keeps failing (a poison"
                            + " job). The last delivery carries the header CamelAliyunVodAiJobLastDelivery=true; if it"
                            + " fails too, the job leaves the store with an ERROR naming it. 0 (the default) delivers"
                            + " until the route succeeds: a downstream outage then loses no finished job. The count"
                            + " is kept in the job store: it survives a restart with the file or the JDBC store, and"
                            + " moves with the job between nodes.")
    private int maxDeliveries;
    @UriParam(label = "common",
              description = "A file that keeps the pending jobs across restarts and crashes (created if missing)."
                            + " Endpoints with the same label share it; one Camel context at a time may open it."
                            + " {label} in the name is replaced by the endpoint's label, so that one value (on the"
                            + " component, say) gives each label its own file: jobs-{label}.log. Without it (and"
                            + " without jobStore), pending jobs are kept in memory and lost when the Camel context"
                            + " stops.")
    private String jobStoreFile;
    @UriParam(label = "advanced", javaType = "java.time.Duration", defaultValue = "60000",
              description = "How often, at most, the producer's readiness check calls the service (a ListAIJob for an"
                            + " id that does not exist) to verify reachability and credentials; in between it reports"
                            + " the last answer.")
    private long healthCheckInterval = 60_000;
    @UriParam(label = "advanced",
              description = "An AiJobStore of your own to keep pending jobs in, instead of memory, jobStoreFile or"
                            + " dataSource. Like them it serves the whole label: set on one endpoint, it is also the"
                            + " store of the label's other endpoints. Two different stores for one label (two beans,"
                            + " a bean and a file or a dataSource) are refused, and so is one bean for two labels."
                            + " The component does not close it.")
    private AiJobStore jobStore;
    @UriParam(label = "common",
              description = "A javax.sql.DataSource (a bean, for example #vodJobs) that keeps the pending jobs in a"
                            + " database table shared by several Camel contexts or nodes: each finished job is"
                            + " delivered by one of them, and the jobs of a node that dies are taken over by the others"
                            + " once its leases expire. On PostgreSQL 10 or later, MariaDB 10.6 or later or MySQL"
                            + " 8.0.1 or later (MySQL is not tested). The DataSource that Spring Boot or Quarkus"
                            + " configures works as is; the JDBC driver is yours. Like jobStoreFile it serves the whole"
                            + " label; several labels share one table.")
    private javax.sql.DataSource dataSource;
    @UriParam(label = "advanced", defaultValue = "aivod_aijob_pending",
              description = "The table of the dataSource job store (letters, digits and underscores, optionally"
                            + " with a schema: jobs.pending).")
    private String jobStoreTable = "aivod_aijob_pending";
    @UriParam(label = "advanced", defaultValue = "true",
              description = "Whether the dataSource job store creates its table (and index) when it is missing."
                            + " Turn it off where the application's user may not create tables; the DDL is in the"
                            + " docs.")
    private boolean jobStoreCreateTable = true;
    @UriParam(label = "consumer", javaType = "java.time.Duration", defaultValue = "60000",
              description = "How long a consumer holds the jobs it claimed from the job store before another"
                            + " consumer (or node) may take them: renewed while an exchange runs, so it only matters"
                            + " when a node dies or stalls, as the time before its jobs are delivered by another."
                            + " Keep it well above the time of one ListAIJob call; at least 100 milliseconds, and a"
                            + " WARN below a second.")
    private long leaseDuration = 60_000;
    /** Below it a claim, a call and a hand-over cannot fit in one lease. */
    static final long MIN_LEASE_DURATION = 100;
    @UriParam(label = "consumer", javaType = "java.time.Duration", defaultValue = "0",
              description = "The shortest time before a job found unfinished is asked about again, and from"
                            + " tracking a job to its first check (an event for it makes it due sooner). 0: a job just"
                            + " tracked is asked about at once, and a young job on every poll (the poll's delay is"
                            + " then the floor). See checkIntervalFactor and maxCheckInterval.")
    private long minCheckInterval;
    @UriParam(label = "consumer", javaType = "java.time.Duration", defaultValue = "120000",
              description = "The longest time before a job found unfinished is asked about again, however old it"
                            + " is. 0 asks about every pending job on every poll (the behaviour before per-job"
                            + " schedules).")
    private long maxCheckInterval = 120_000;
    @UriParam(label = "consumer", defaultValue = "0.05",
              description = "A job found unfinished is asked about again after this share of its age, within"
                            + " minCheckInterval and maxCheckInterval: with 0.05, a job 10 minutes old is checked 30"
                            + " seconds later, so a job is seen at most 5% of its run time plus one poll delay after"
                            + " it finished.")
    private double checkIntervalFactor = 0.05;
    @UriParam(label = "producer",
              description = "operation=vodEvent: the callback URL exactly as configured in VOD (SetMessageCallback's"
                            + " CallbackURL), which VOD signs; behind a proxy it differs from the local path."
                            + " operation=setMessageCallback sets it in VOD (at most 256 bytes).")
    private String callbackUrl;
    @UriParam(label = "producer,security", secret = true,
              description = "operation=vodEvent: the AuthKey configured in VOD (SetMessageCallback with AuthSwitch"
                            + " on), which signs each event. Events without a valid signature are refused (401)."
                            + " operation=setMessageCallback sets it in VOD: 8 to 32 letters and digits, with upper"
                            + " case, lower case and digits (checked before the call).")
    private String authKey;
    @UriParam(label = "producer", javaType = "java.time.Duration", defaultValue = "300000",
              description = "operation=vodEvent: how far an event's X-VOD-TIMESTAMP may be from this machine's clock,"
                            + " either way; older or newer events are refused (401).")
    private long callbackTimestampWindow = 300_000;
    @UriParam(label = "producer", defaultValue = "65536",
              description = "operation=vodEvent: the largest event body accepted, in bytes; larger ones are refused"
                            + " (413) unread beyond the limit.")
    private int callbackMaxBodySize = 65_536;
    @UriParam(label = "producer", defaultValue = "false",
              description = "operation=vodEvent: track the job of a valid AI job event that the label does not"
                            + " track (its consumer then looks it up and delivers it), unless the label delivered it in"
                            + " the last hour. Off: such events are ignored (the first logged at INFO, then DEBUG). VOD"
                            + " signs the URL and the time, not the body: with this on, anyone holding one signed"
                            + " request may, within callbackTimestampWindow, make the route receive any job id"
                            + " (NOT_FOUND for made-up ones, the real job for others of the account).")
    private boolean callbackTrackUnknownJobs;
    @UriParam(label = "producer", defaultValue = MessageCallbackSettings.DEFAULT_EVENT_TYPES,
              description = "operation=setMessageCallback: the event types VOD sends (its EventTypeList), separated"
                            + " by commas; ALL for every event. The default, AIComplete, is the name VOD takes for"
                            + " every AI event; add others if the same URL or queue serves them (operation=vodEvent"
                            + " and the eventQueue reader acknowledge other types, AIMediaAuditComplete and"
                            + " VideoAIComplete included, and ignore them).")
    private String callbackEventTypes = MessageCallbackSettings.DEFAULT_EVENT_TYPES;
    @UriParam(label = "producer",
              description = "operation=setMessageCallback: the VOD application (AppId) whose callback is set;"
                            + " unset, VOD's default application (app-1000000).")
    private String callbackAppId;
    @UriParam(label = "producer", defaultValue = "HTTP", enums = "HTTP,MNS",
              description = "operation=setMessageCallback: how VOD sends its events. HTTP: it posts them, signed, to"
                            + " callbackUrl (for operation=vodEvent). MNS: it writes them into the MNS queue"
                            + " eventQueue at eventQueueEndpoint, which the label's consumer reads; no event is lost"
                            + " while the application is down.")
    private String callbackType = "HTTP";
    @UriParam(label = "consumer",
              description = "The MNS (Simple Message Queue) queue VOD writes this label's events into"
                            + " (SetMessageCallback with CallbackType MNS; operation=setMessageCallback sets it with"
                            + " callbackType=MNS). The consumer reads it on a thread of its own, with long polls, makes"
                            + " the job of each AI job event due and wakes up, then deletes the messages; a job is"
                            + " still looked up with ListAIJob before it is delivered. Give each application its own"
                            + " queue: every message read is deleted, whatever label its job belongs to. Needs"
                            + " eventQueueEndpoint; signed with the endpoint's credentials.")
    private String eventQueue;
    @UriParam(label = "consumer",
              description = "The MNS endpoint of eventQueue: https://<account id>.mns.<region>.aliyuncs.com"
                            + " (the queue's region, shown by the MNS console's Endpoint button).")
    private String eventQueueEndpoint;
    @UriParam(label = "consumer,advanced", defaultValue = "30",
              description = "How long one receive of eventQueue waits for a message, in seconds (long polling, 0"
                            + " to 30): a message written meanwhile is answered at once.")
    private int eventQueueWaitSeconds = 30;
    @UriParam(label = "consumer,advanced", defaultValue = "16",
              description = "The most messages one receive of eventQueue takes (1 to 16); they are deleted in one"
                            + " call.")
    private int eventQueueBatchSize = 16;
    @UriParam(label = "consumer,advanced", defaultValue = "false",
              description = "Deliver a job of an eventQueue event as the event tells it (status, Data, or Code and"
                            + " Message), without asking ListAIJob first. Only the queue's events: the queue takes"
                            + " messages from the account's own writers, unlike an HTTP URL. Off by default: a job is"
                            + " always confirmed with ListAIJob. The results are kept on the node that read the event;"
                            + " a job delivered by another node, or again after a failed exchange, is asked about.")
    private boolean eventQueueTrustEvents;
    @UriParam(label = "advanced",
              description = "A VodAiJobClient to use instead of the one the component creates (it is autowired from"
                            + " the registry when there is exactly one). Credentials, endpoint, signing and retry"
                            + " options are then up to that client.")
    @Metadata(autowired = true)
    private VodAiJobClient vodAiJobClient;

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public CredentialsProvider getCredentialsProvider() {
        return credentialsProvider;
    }

    public void setCredentialsProvider(CredentialsProvider credentialsProvider) {
        this.credentialsProvider = credentialsProvider;
    }

    public String getSessionToken() {
        return sessionToken;
    }

    public void setSessionToken(String sessionToken) {
        this.sessionToken = sessionToken;
    }

    public String getRegionId() {
        return regionId;
    }

    public void setRegionId(String regionId) {
        this.regionId = regionId;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public boolean isAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public String getSignatureAlgorithm() {
        return signatureAlgorithm;
    }

    public void setSignatureAlgorithm(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryBackoffInitialDelay() {
        return retryBackoffInitialDelay;
    }

    public void setRetryBackoffInitialDelay(long retryBackoffInitialDelay) {
        this.retryBackoffInitialDelay = retryBackoffInitialDelay;
    }

    public long getRetryBackoffMaxDelay() {
        return retryBackoffMaxDelay;
    }

    public void setRetryBackoffMaxDelay(long retryBackoffMaxDelay) {
        this.retryBackoffMaxDelay = retryBackoffMaxDelay;
    }

    public double getRetryBackoffMultiplier() {
        return retryBackoffMultiplier;
    }

    public void setRetryBackoffMultiplier(double retryBackoffMultiplier) {
        this.retryBackoffMultiplier = retryBackoffMultiplier;
    }

    public VodAiJobOperations getOperation() {
        return operation;
    }

    public void setOperation(VodAiJobOperations operation) {
        this.operation = operation;
    }


    public int getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public void setMaxConcurrentRequests(int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public boolean isFailOnNonExistent() {
        return failOnNonExistent;
    }

    public void setFailOnNonExistent(boolean failOnNonExistent) {
        this.failOnNonExistent = failOnNonExistent;
    }

    public String getJobTypes() {
        return jobTypes;
    }

    public void setJobTypes(String jobTypes) {
        this.jobTypes = jobTypes;
    }

    public String getConfig() {
        return config;
    }

    public void setConfig(String config) {
        this.config = config;
    }

    public String getUserData() {
        return userData;
    }

    public void setUserData(String userData) {
        this.userData = userData;
    }

    public boolean isTrack() {
        return track;
    }

    public void setTrack(boolean track) {
        this.track = track;
    }

    public boolean isResubmitOnRedelivery() {
        return resubmitOnRedelivery;
    }

    public void setResubmitOnRedelivery(boolean resubmitOnRedelivery) {
        this.resubmitOnRedelivery = resubmitOnRedelivery;
    }

    public Integer getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    public void setMaxRequestsPerSecond(Integer maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    public String getJobIds() {
        return jobIds;
    }

    public void setJobIds(String jobIds) {
        this.jobIds = jobIds;
    }

    public NonExistentJobsPolicy getNonExistentJobs() {
        return nonExistentJobs;
    }

    public void setNonExistentJobs(NonExistentJobsPolicy nonExistentJobs) {
        this.nonExistentJobs = nonExistentJobs;
    }

    public long getJobTimeout() {
        return jobTimeout;
    }

    public void setJobTimeout(long jobTimeout) {
        this.jobTimeout = jobTimeout;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public int getMaxDeliveries() {
        return maxDeliveries;
    }

    public void setMaxDeliveries(int maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    public String getJobStoreFile() {
        return jobStoreFile;
    }

    public void setJobStoreFile(String jobStoreFile) {
        this.jobStoreFile = jobStoreFile;
    }

    public long getHealthCheckInterval() {
        return healthCheckInterval;
    }

    public void setHealthCheckInterval(long healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    public AiJobStore getJobStore() {
        return jobStore;
    }

    public void setJobStore(AiJobStore jobStore) {
        this.jobStore = jobStore;
    }

    public javax.sql.DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(javax.sql.DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getJobStoreTable() {
        return jobStoreTable;
    }

    public void setJobStoreTable(String jobStoreTable) {
        this.jobStoreTable = jobStoreTable;
    }

    public boolean isJobStoreCreateTable() {
        return jobStoreCreateTable;
    }

    public void setJobStoreCreateTable(boolean jobStoreCreateTable) {
        this.jobStoreCreateTable = jobStoreCreateTable;
    }

    public long getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(long leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public long getMinCheckInterval() {
        return minCheckInterval;
    }

    public void setMinCheckInterval(long minCheckInterval) {
        this.minCheckInterval = minCheckInterval;
    }

    public long getMaxCheckInterval() {
        return maxCheckInterval;
    }

    public void setMaxCheckInterval(long maxCheckInterval) {
        this.maxCheckInterval = maxCheckInterval;
    }

    public double getCheckIntervalFactor() {
        return checkIntervalFactor;
    }

    public void setCheckIntervalFactor(double checkIntervalFactor) {
        this.checkIntervalFactor = checkIntervalFactor;
    }

    public String getCallbackUrl() {
        return callbackUrl;
    }

    public void setCallbackUrl(String callbackUrl) {
        this.callbackUrl = callbackUrl;
    }

    public String getAuthKey() {
        return authKey;
    }

    public void setAuthKey(String authKey) {
        this.authKey = authKey;
    }

    public long getCallbackTimestampWindow() {
        return callbackTimestampWindow;
    }

    public void setCallbackTimestampWindow(long callbackTimestampWindow) {
        this.callbackTimestampWindow = callbackTimestampWindow;
    }

    public int getCallbackMaxBodySize() {
        return callbackMaxBodySize;
    }

    public void setCallbackMaxBodySize(int callbackMaxBodySize) {
        this.callbackMaxBodySize = callbackMaxBodySize;
    }

    public boolean isCallbackTrackUnknownJobs() {
        return callbackTrackUnknownJobs;
    }

    public void setCallbackTrackUnknownJobs(boolean callbackTrackUnknownJobs) {
        this.callbackTrackUnknownJobs = callbackTrackUnknownJobs;
    }

    public String getCallbackEventTypes() {
        return callbackEventTypes;
    }

    public void setCallbackEventTypes(String callbackEventTypes) {
        this.callbackEventTypes = callbackEventTypes;
    }

    public String getCallbackAppId() {
        return callbackAppId;
    }

    public void setCallbackAppId(String callbackAppId) {
        this.callbackAppId = callbackAppId;
    }

    public String getCallbackType() {
        return callbackType;
    }

    public void setCallbackType(String callbackType) {
        this.callbackType = callbackType;
    }

    public String getEventQueue() {
        return eventQueue;
    }

    public void setEventQueue(String eventQueue) {
        this.eventQueue = eventQueue;
    }

    public String getEventQueueEndpoint() {
        return eventQueueEndpoint;
    }

    public void setEventQueueEndpoint(String eventQueueEndpoint) {
        this.eventQueueEndpoint = eventQueueEndpoint;
    }

    public int getEventQueueWaitSeconds() {
        return eventQueueWaitSeconds;
    }

    public void setEventQueueWaitSeconds(int eventQueueWaitSeconds) {
        this.eventQueueWaitSeconds = eventQueueWaitSeconds;
    }

    public int getEventQueueBatchSize() {
        return eventQueueBatchSize;
    }

    public void setEventQueueBatchSize(int eventQueueBatchSize) {
        this.eventQueueBatchSize = eventQueueBatchSize;
    }

    public boolean isEventQueueTrustEvents() {
        return eventQueueTrustEvents;
    }

    public void setEventQueueTrustEvents(boolean eventQueueTrustEvents) {
        this.eventQueueTrustEvents = eventQueueTrustEvents;
    }

    public VodAiJobClient getVodAiJobClient() {
        return vodAiJobClient;
    }

    public void setVodAiJobClient(VodAiJobClient vodAiJobClient) {
        this.vodAiJobClient = vodAiJobClient;
    }

    /**
     * Checks every option value and says which one is wrong and what is allowed; called when an endpoint is created,
     * so a bad URI fails before the route starts.
     */
    public void validate() {
        VodEndpoints.checkRegion(regionId, hasEndpoint());
        if (hasEndpoint()) {
            VodEndpoints.checkTransport(serviceUri(), allowInsecureHttp);
        }
        SignatureAlgorithm.fromName(signatureAlgorithm);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        if (maxConcurrentRequests < 1 || maxConcurrentRequests > 64) {
            throw new IllegalArgumentException("Invalid maxConcurrentRequests " + maxConcurrentRequests
                                               + ": allowed 1 to 64");
        }
        if (jobTimeout < 0) {
            throw new IllegalArgumentException("Invalid jobTimeout " + jobTimeout
                                               + ": must be 0 (wait for ever) or more milliseconds");
        }
        requirePositive("healthCheckInterval", healthCheckInterval);
        if (leaseDuration < MIN_LEASE_DURATION) {
            throw new IllegalArgumentException("Invalid leaseDuration " + leaseDuration + ": must be at least "
                                               + MIN_LEASE_DURATION + " milliseconds (a number of milliseconds, or"
                                               + " a duration such as 60s): a claimed job must reach the route"
                                               + " before its lease lapses");
        }
        CheckSchedule.of(this);
        requirePositive("callbackTimestampWindow", callbackTimestampWindow);
        if (callbackMaxBodySize < 1) {
            throw new IllegalArgumentException("Invalid callbackMaxBodySize " + callbackMaxBodySize
                                               + ": must be 1 byte or more (VOD's events are well under 64 KiB)");
        }
        if (operation == VodAiJobOperations.vodEvent) {
            VodEventReceiver.checkOptions(callbackUrl, authKey);
        }
        MessageCallbackSettings.eventTypes(callbackEventTypes);
        EventQueueOptions.check(this);
        if (operation == VodAiJobOperations.setMessageCallback) {
            MessageCallbackSettings.request(this);
        }
        if (jobStoreTable == null || !jobStoreTable.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException("Invalid jobStoreTable '" + jobStoreTable + "': use letters, digits and"
                                               + " underscores, optionally with a schema (jobs.aivod_aijob_pending)");
        }
        if (maxMessagesPerPoll < 0) {
            throw new IllegalArgumentException("Invalid maxMessagesPerPoll " + maxMessagesPerPoll
                                               + ": must be 0 (no limit) or more");
        }
        if (maxDeliveries < 0) {
            throw new IllegalArgumentException("Invalid maxDeliveries " + maxDeliveries
                                               + ": must be 0 (deliver until the route succeeds) or more");
        }
        if (jobIds != null && !jobIds.isBlank()) {
            JobIdsReader.read(jobIds, "jobIds option");
        }
        if (maxRequestsPerSecond != null && (maxRequestsPerSecond < 1 || maxRequestsPerSecond > 1000)) {
            throw new IllegalArgumentException("Invalid maxRequestsPerSecond " + maxRequestsPerSecond
                                               + ": allowed 1 to 1000 (leave it unset for the defaults)");
        }
        if (jobTypes != null && !jobTypes.isBlank()) {
            SubmitRequestReader.types(jobTypes, "jobTypes option", regionId);
        }
        if (config != null) {
            SubmitRequestReader.json(config, "config option");
        }
        if (userData != null) {
            SubmitRequestReader.userData(userData, "userData option");
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("Invalid maxRetries " + maxRetries + ": allowed 0 to 20");
        }
        if (retryBackoffInitialDelay < 0) {
            throw new IllegalArgumentException("Invalid retryBackoffInitialDelay " + retryBackoffInitialDelay
                                               + ": must be 0 or more milliseconds");
        }
        if (retryBackoffMaxDelay < retryBackoffInitialDelay) {
            throw new IllegalArgumentException("Invalid retryBackoffMaxDelay " + retryBackoffMaxDelay
                                               + ": must be at least retryBackoffInitialDelay ("
                                               + retryBackoffInitialDelay + " ms)");
        }
        if (!(retryBackoffMultiplier >= 1.0)) {
            throw new IllegalArgumentException("Invalid retryBackoffMultiplier " + retryBackoffMultiplier
                                               + ": must be 1.0 or more");
        }
    }

    private static void requirePositive(String option, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("Invalid " + option + " " + millis
                                               + ": must be more than 0 milliseconds (a number of milliseconds, or a"
                                               + " duration such as 10s)");
        }
    }

    /** Whether the {@code endpoint} option overrides the region's URL. */
    private boolean hasEndpoint() {
        return endpoint != null && !endpoint.isBlank();
    }

    /** The URL calls go to: the {@code endpoint} option, else the public endpoint of {@code regionId}. */
    public URI serviceUri() {
        return hasEndpoint() ? VodEndpoints.parseEndpoint(endpoint) : VodEndpoints.forRegion(regionId);
    }

    /** The settings of the client this configuration describes, without rate limiters (the component shares them). */
    public VodAiJobClientSettings.Builder toClientSettings(CredentialsProvider credentials) {
        return VodAiJobClientSettings.builder()
                .endpoint(serviceUri())
                .credentialsProvider(credentials)
                .listRateLimiter(null)
                .submitRateLimiter(null)
                .signatureAlgorithm(SignatureAlgorithm.fromName(signatureAlgorithm))
                .connectTimeout(Duration.ofMillis(connectTimeout))
                .requestTimeout(Duration.ofMillis(requestTimeout))
                .retryPolicy(retryPolicy());
    }

    /** The retries maxRetries and the backoff options describe. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, Duration.ofMillis(retryBackoffInitialDelay),
                Duration.ofMillis(retryBackoffMaxDelay), retryBackoffMultiplier);
    }

    public VodAiJobConfiguration copy() {
        try {
            return (VodAiJobConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        return "VodAiJobConfiguration[regionId=" + regionId + ", endpoint=" + endpoint + ", accessKeyId=" + accessKeyId
               + ", signatureAlgorithm=" + signatureAlgorithm + "]";
    }
}
