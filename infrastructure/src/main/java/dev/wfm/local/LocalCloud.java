package dev.wfm.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.api.HttpApiServer;
import dev.wfm.local.api.RouteTable;
import dev.wfm.local.auth.DevTokens;
import dev.wfm.local.auth.LocalIssuer;
import dev.wfm.local.dynamodb.DynamoDbLocalServer;
import dev.wfm.local.dynamodb.TableProvisioner;
import dev.wfm.local.lambda.InProcessLambdas;
import dev.wfm.local.logs.FunctionLogCapture;
import dev.wfm.local.logs.LocalCloudWatchLogs;
import dev.wfm.local.runtime.LoopbackHttp;
import dev.wfm.local.s3.LocalS3;
import dev.wfm.local.scheduler.LocalScheduler;
import dev.wfm.local.ses.LocalSes;
import dev.wfm.local.stepfunctions.StepFunctionsService;
import dev.wfm.local.streams.LocalStreams;
import dev.wfm.local.template.FunctionSpec;
import dev.wfm.local.template.Intrinsics;
import dev.wfm.local.template.SamTemplate;
import dev.wfm.local.template.WebSocketApiSpec;
import dev.wfm.local.web.WebAppServer;
import dev.wfm.local.websocket.LocalWebSocketApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole serverless system in one process: DynamoDB Local, S3Proxy, the Step Functions service,
 * a local SES v2 that keeps the emails it is given, a local CloudWatch Logs that keeps the functions'
 * log lines, the HTTP API, the WebSocket API, the scheduler and the table streams' event source
 * mappings, wired from template.yaml. The functions are the production handlers, unchanged; they
 * reach the local services through the SDK's standard endpoint settings ({@code aws.endpointUrlDynamoDb},
 * {@code aws.endpointUrlSfn}, {@code aws.endpointUrlS3}, {@code aws.endpointUrlSesV2},
 * {@code aws.endpointUrlCloudWatchLogs}) and read their
 * template environment as system properties.
 */
public final class LocalCloud implements AutoCloseable {
    /**
     * How to start: the HTTP port (0 = any), where data lives, whether it stays in memory, and
     * optionally a DynamoDB to use instead of starting DynamoDB Local (such as LocalStack's).
     */
    public record Options(int port, Path dataDir, boolean inMemory, Path template, URI externalDynamoDb, boolean demo, int webPort) {
        public Options(int port, Path dataDir, boolean inMemory, Path template) {
            this(port, dataDir, inMemory, template, null, false, 0);
        }

        public Options(int port, Path dataDir, boolean inMemory, Path template, URI externalDynamoDb) {
            this(port, dataDir, inMemory, template, externalDynamoDb, false, 0);
        }
    }

    /**
     * Where everything answers; {@code ses} also lists the emails kept ({@code GET /_aws/ses});
     * {@code websocket} is the WebSocket API's clients' URL ({@code ws://.../{stage}}); {@code web} the web app's origin.
     */
    public record Endpoints(URI api, URI dynamodb, URI stepfunctions, URI s3, URI ses, URI logs, URI websocket, URI web) {}

    /**
     * The deployment parameters the local cloud gives other values than template.yaml's defaults:
     * outbound calls may reach loopback by these names only, so tests can run local receivers
     * and still see every other inside address (127.0.0.2 among them) refused; emails come from a
     * local sender (the local SES verifies no identity); tokens are the dev issuer's ({@link DevTokens}).
     */
    public static final Map<String, String> PARAMETERS = Map.of("OutboundAllowedHosts", "localhost,127.0.0.1,::1",
            "FromAddress", "workflow@localhost.localdomain", "JwtIssuer", DevTokens.ISSUER, "JwtAudience", DevTokens.AUDIENCE);

    public static final String ADMIN_USER = "admin";
    public static final List<String> ADMIN_GROUPS = List.of("admins");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Path dataDir;
    private volatile Endpoints endpoints;
    private DevTokens tokens;
    private LocalScheduler scheduler;
    private LocalStreams streams;
    private InProcessLambdas lambdas;
    private String adminToken;
    private String demoItemId;

    private LocalCloud() {}

    public static LocalCloud start(Options options) throws Exception {
        LocalCloud cloud = new LocalCloud();
        try {
            cloud.boot(options);
            return cloud;
        } catch (Exception | Error e) {
            cloud.close();
            throw e;
        }
    }

    private void boot(Options options) throws Exception {
        LoopbackHttp.noDelay();
        dataDir = options.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        started.push(DataDirLock.acquire(dataDir));
        // The signing key stays in the data folder even in memory mode, so `local-cloud.jar token` works.
        tokens = DevTokens.open(dataDir.resolve("dev-signing-key.json"), Clock.systemUTC());

        // The web app first: its origin is the one the HTTP API's CORS configuration allows (the template's WebAppOrigin).
        WebAppServer web = new WebAppServer(options.template().toAbsolutePath().getParent().resolve("web"), tokens, this::webAppConfig);
        started.push(web);
        URI webOrigin = web.start(options.webPort());
        Map<String, String> parameters = new HashMap<>(PARAMETERS);
        parameters.put("WebAppOrigin", webOrigin.toString());
        SamTemplate template = SamTemplate.load(options.template(), parameters);

        URI dynamoEndpoint = options.externalDynamoDb();
        if (dynamoEndpoint == null) {
            DynamoDbLocalServer dynamo = DynamoDbLocalServer.start(
                    options.inMemory() ? null : dataDir.resolve("dynamodb"), dataDir.resolve("native"));
            started.push(dynamo);
            dynamoEndpoint = dynamo.endpoint();
        }
        LocalS3 s3 = LocalS3.start(options.inMemory() ? null : dataDir.resolve("s3"));
        started.push(s3);
        s3.provision(template.buckets());
        LocalSes ses = LocalSes.start(options.inMemory() ? null : dataDir.resolve("ses"), Clock.systemUTC());
        started.push(ses);
        LocalCloudWatchLogs logs = LocalCloudWatchLogs.start(Clock.systemUTC());
        started.push(logs);
        started.push(FunctionLogCapture.install(logs, template.functions().stream()
                .collect(Collectors.toMap(FunctionSpec::logicalId, FunctionSpec::logGroup)), Clock.systemUTC()));
        configureSdk(dynamoEndpoint, s3.endpoint(), ses.endpoint(), logs.endpoint());
        try (DynamoDbClient admin = localDynamoClient(dynamoEndpoint)) {
            TableProvisioner.provision(admin, template.tables());
        }

        lambdas = new InProcessLambdas(template.functions());
        started.push(lambdas);
        StepFunctionsService stepFunctions = new StepFunctionsService(lambdas,
                options.inMemory() ? null : dataDir.resolve("stepfunctions"));
        started.push(stepFunctions);
        URI stepFunctionsEndpoint = stepFunctions.start(0);
        System.setProperty("aws.endpointUrlSfn", stepFunctionsEndpoint.toString());
        exportFunctionEnvironment(template.functions());

        LocalIssuer issuer = new LocalIssuer(tokens);
        started.push(issuer);
        // The template points $connect's token check at the issuer's published keys; here they are the dev issuer's.
        System.setProperty("JWT_JWKS_URL", issuer.start().toString());
        URI websocketEndpoint = null;
        Optional<WebSocketApiSpec> websocketApi = WebSocketApiSpec.of(template);
        if (websocketApi.isPresent()) {
            LocalWebSocketApi websocket = new LocalWebSocketApi(websocketApi.get(), lambdas);
            started.push(websocket);
            websocketEndpoint = websocket.start(0);
            // What the functions' management client is pointed at (on AWS: https://{apiId}.execute-api.{region}.amazonaws.com/{stage}).
            System.setProperty("WEBSOCKET_CALLBACK_URL", websocket.managementEndpoint().toString());
        }
        HttpApiServer api = new HttpApiServer(new RouteTable(template.functions()), tokens, lambdas,
                HttpApiServer.INTEGRATION_TIMEOUT, template.cors());
        started.push(api);
        URI apiEndpoint = api.start(options.port());

        scheduler = new LocalScheduler(template.functions(), lambdas, Clock.systemUTC());
        started.push(scheduler);
        scheduler.start();

        streams = new LocalStreams(template.functions(), lambdas, dynamoEndpoint, options.inMemory() ? null : dataDir, Clock.systemUTC());
        started.push(streams);
        streams.start();

        endpoints = new Endpoints(apiEndpoint, dynamoEndpoint, stepFunctionsEndpoint, s3.endpoint(), ses.endpoint(), logs.endpoint(),
                websocketEndpoint, webOrigin);
        awaitHealthy(apiEndpoint);
        adminToken = tokens.issue(ADMIN_USER, ADMIN_GROUPS, Duration.ofDays(30));
        if (options.demo()) {
            demoItemId = DemoData.seed(apiEndpoint, adminToken);
        }
        writeAtomically(dataDir.resolve("admin.token"), adminToken + "\n");
        writeAtomically(dataDir.resolve("endpoints.json"), "{\"api\": \"" + apiEndpoint + "\", \"dynamodb\": \""
                + dynamoEndpoint + "\", \"stepfunctions\": \"" + stepFunctionsEndpoint + "\", \"s3\": \"" + s3.endpoint()
                + "\", \"ses\": \"" + ses.endpoint() + "\", \"logs\": \"" + logs.endpoint() + "\", \"websocket\": \"" + websocketEndpoint + "\", \"web\": \"" + webOrigin
                + "\"}\n");
    }

    /** What the web app reads at start ({@code config.json}): the APIs' URLs and how to sign in (here: the dev sign-in). */
    private ObjectNode webAppConfig() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        Endpoints now = endpoints;
        if (now != null) {
            config.put("api", now.api().toString());
            config.put("websocket", now.websocket() == null ? null : now.websocket().toString());
        }
        config.putObject("signIn").put("mode", "dev").put("url", "/dev/sign-in");
        return config;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** The demo item seeded at this start, or null. */
    public String demoItemId() {
        return demoItemId;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String adminToken() {
        return adminToken;
    }

    public String token(String user, List<String> groups) {
        return tokens.issue(user, groups, Duration.ofHours(12));
    }

    /** The template's functions, as the local services invoke them. */
    public InProcessLambdas lambdas() {
        return lambdas;
    }

    public LocalScheduler scheduler() {
        return scheduler;
    }

    /** The template's table streams, as their functions' event source mappings read them. */
    public LocalStreams streams() {
        return streams;
    }

    /** Region, the local credentials and the DynamoDB, S3, SES and CloudWatch Logs endpoints, for every SDK client built in this JVM. */
    private static void configureSdk(URI dynamoEndpoint, URI s3Endpoint, URI sesEndpoint, URI logsEndpoint) {
        System.setProperty("aws.region", Intrinsics.REGION);
        System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
        System.setProperty("aws.endpointUrlDynamoDb", dynamoEndpoint.toString());
        System.setProperty("aws.endpointUrlS3", s3Endpoint.toString());
        System.setProperty("aws.endpointUrlSesV2", sesEndpoint.toString());
        System.setProperty("aws.endpointUrlCloudWatchLogs", logsEndpoint.toString());
    }

    /**
     * The functions share one JVM here, so their environment variables become system properties
     * of the process; two functions giving one name different values could not both be honoured.
     */
    private static void exportFunctionEnvironment(List<FunctionSpec> functions) {
        Map<String, String> merged = new HashMap<>();
        for (FunctionSpec function : functions) {
            function.environment().forEach((name, value) -> {
                String previous = merged.putIfAbsent(name, value);
                if (previous != null && !previous.equals(value)) {
                    throw new IllegalStateException("Environment variable " + name + " has different values in different functions ("
                            + previous + ", " + value + "); the local cloud runs them in one process and needs one value");
                }
            });
        }
        merged.forEach(System::setProperty);
    }

    static DynamoDbClient localDynamoClient(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(Intrinsics.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static void awaitHealthy(URI api) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(api.resolve("/health")).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("The HTTP API did not answer /health with 200 within 30 s");
            }
            Thread.sleep(50);
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Stops everything in reverse order of start; DynamoDB Local last, as the others write to it. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("local cloud: stopping a service failed: " + e.getMessage());
            }
        }
    }
}
