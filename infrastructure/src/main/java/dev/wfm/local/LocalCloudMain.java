package dev.wfm.local;

import dev.wfm.local.auth.DevTokens;
import dev.wfm.local.template.SamTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-cloud.jar [--port N] [--web-port N] [--data-dir DIR] [--in-memory] [--no-demo] [--template FILE]}
 * starts the local cloud in the foreground until Ctrl-C;
 * {@code java -jar local-cloud.jar token --user U --groups g1,g2 [--data-dir DIR]} prints a token.
 */
public final class LocalCloudMain {
    private LocalCloudMain() {}

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        try {
            if (!arguments.isEmpty() && arguments.get(0).equals("token")) {
                printToken(arguments.subList(1, arguments.size()));
            } else {
                run(arguments);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (DataDirLock.InUseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static void run(List<String> arguments) throws Exception {
        int port = Integer.parseInt(option(arguments, "--port", "3000"));
        int webPort = Integer.parseInt(option(arguments, "--web-port", "3001"));
        Path dataDir = Path.of(option(arguments, "--data-dir", ".local"));
        boolean inMemory = arguments.contains("--in-memory");
        Path template = arguments.contains("--template") ? Path.of(option(arguments, "--template", null)) : SamTemplate.locate(Path.of(""));
        long begin = System.nanoTime();
        LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(port, dataDir, inMemory, template, null,
                !arguments.contains("--no-demo"), webPort));
        String demoItem = cloud.demoItemId();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local cloud...");
            cloud.close();
            stopped.countDown();
        }, "local-cloud-shutdown"));
        var endpoints = cloud.endpoints();
        System.out.printf("""
                Workflow Manager local cloud is up in %d ms (%s).
                  Web app         %s
                  HTTP API        %s
                  WebSocket API   %s?itemId=ITEM&token=TOKEN
                  DynamoDB        %s
                  Step Functions  %s
                  S3 (S3Proxy)    %s
                  SES (emails)    %s/_aws/ses
                  endpoints       %s
                %s
                Admin token (also in %s):
                %s
                Ctrl-C stops it.
                """,
                (System.nanoTime() - begin) / 1_000_000,
                inMemory ? "in memory" : "data in " + dataDir.toAbsolutePath(),
                endpoints.web(), endpoints.api(), endpoints.websocket(), endpoints.dynamodb(), endpoints.stepfunctions(), endpoints.s3(), endpoints.ses(),
                dataDir.resolve("endpoints.json").toAbsolutePath(),
                demoItem == null ? "" : "Demo workflow item: " + demoItem,
                dataDir.resolve("admin.token").toAbsolutePath(),
                cloud.adminToken());
        stopped.await();
    }

    private static void printToken(List<String> arguments) throws Exception {
        String user = option(arguments, "--user", null);
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("token needs --user");
        }
        List<String> groups = Arrays.stream(option(arguments, "--groups", "").split(","))
                .map(String::strip).filter(group -> !group.isEmpty()).toList();
        Path dataDir = Path.of(option(arguments, "--data-dir", ".local"));
        DevTokens tokens = DevTokens.open(dataDir.resolve("dev-signing-key.json"), Clock.systemUTC());
        System.out.println(tokens.issue(user, groups, Duration.ofHours(12)));
    }

    private static String option(List<String> arguments, String name, String fallback) {
        int index = arguments.indexOf(name);
        if (index < 0) {
            return fallback;
        }
        if (index + 1 >= arguments.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return arguments.get(index + 1);
    }

    private static String usage() {
        return """
                usage: java -jar infrastructure/target/local-cloud.jar [--port N] [--web-port N] [--data-dir DIR] [--in-memory] [--no-demo] [--template FILE]
                       java -jar infrastructure/target/local-cloud.jar token --user U [--groups g1,g2] [--data-dir DIR]""";
    }
}
