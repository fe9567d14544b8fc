package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The first load of My work in headless Chromium on the local cloud, with {@code --jobs} (1,000)
 * open jobs whose current step is assigned to the worker's group: from asking the browser for the
 * page (a fresh load: HTML, styles, modules, config.json, the items, the first page of work) to
 * the first row of My work drawn; and the first page of the work route alone, by each sort. Its own
 * cloud, in memory. A main in the test sources, as
 * Selenium is a test dependency:
 * <pre>
 *   mvn -q -B -ntp -pl infrastructure -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 *   java -cp infrastructure/target/test-classes:infrastructure/target/classes:$(cat infrastructure/target/test.classpath) \
 *       dev.wfm.local.bench.WebAppBenchmark [--jobs 1000] [--loads 20]
 * </pre>
 * It needs Debian's {@code chromium} and {@code chromium-driver}.
 */
public final class WebAppBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DIAGRAM = """
            {"name": "Edit", "steps": [{"id": "edit", "name": "Edit", "type": "manual", "assignedType": "Group", "assignedTo": "editors"},
             {"id": "done", "name": "Done", "type": "end"}], "paths": [{"from": "edit", "to": "done"}], "start": "edit"}""";

    private WebAppBenchmark() {}

    public static void main(String[] args) throws Exception {
        int jobs = LocalCloudBenchmark.option(args, "--jobs", 1000);
        int loads = LocalCloudBenchmark.option(args, "--loads", 20);
        Path dataDir = Files.createTempDirectory("wfm-web-bench");
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, dataDir, true, SamTemplate.locate(Path.of(""))))) {
            URI api = cloud.endpoints().api();
            String admin = cloud.adminToken();
            String itemId = post(api, "/items", admin, "{\"name\": \"Benchmark\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"editors\"]}}")
                    .path("itemId").asText();
            String diagramId = post(api, "/items/" + itemId + "/diagrams", admin, DIAGRAM).path("diagramId").asText();
            String templateId = post(api, "/items/" + itemId + "/job-templates", admin,
                    "{\"name\": \"Edit\", \"diagramId\": \"" + diagramId + "\"}").path("jobTemplateId").asText();
            for (int made = 0; made < jobs; made += 100) {
                post(api, "/items/" + itemId + "/jobs", admin, "{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": "
                        + Math.min(100, jobs - made) + "}");
            }
            String eddie = cloud.token("eddie", List.of("editors"));
            awaitWork(api, itemId, eddie, jobs);
            Stats bySince = new Stats();
            Stats byDueDate = new Stats();
            for (int i = 0; i < loads + 3; i++) {
                long t = System.nanoTime();
                get(api, "/items/" + itemId + "/work?limit=50&sort=since", eddie);
                long since = System.nanoTime() - t;
                t = System.nanoTime();
                get(api, "/items/" + itemId + "/work?limit=50&sort=dueDate", eddie);
                long dueDate = System.nanoTime() - t;
                if (i >= 3) {
                    bySince.add(since);
                    byDueDate.add(dueDate);
                }
            }

            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000");
            ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                    .build(), options);
            try {
                // polled every 5 ms, not Selenium's default 500 ms, which would round every load up
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                wait.pollingEvery(Duration.ofMillis(5));
                URI web = cloud.endpoints().web();
                browser.get(web.resolve("/").toString());
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user"))).sendKeys("eddie");
                browser.findElement(By.id("groups")).sendKeys("editors");
                browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "eddie"));
                String myWork = web.resolve("/#/items/" + itemId + "/work").toString();
                By firstRow = By.cssSelector("#work-table tbody tr[data-job-id]");
                Stats firstRows = new Stats();
                for (int i = 0; i < loads + 3; i++) {
                    browser.get("about:blank");
                    long t = System.nanoTime();
                    browser.get(myWork);
                    wait.until(ExpectedConditions.presenceOfElementLocated(firstRow));
                    if (i >= 3) { // the first loads warm the browser's and the JVM's caches
                        firstRows.add(System.nanoTime() - t);
                    }
                }
                System.out.println();
                System.out.println("Web app benchmark (" + Runtime.getRuntime().availableProcessors() + " cores; " + jobs
                        + " open jobs at a step of the worker's group)");
                System.out.println(bySince.line("GET .../work?limit=50&sort=since (read as far as the page)"));
                System.out.println(byDueDate.line("GET .../work?limit=50&sort=dueDate (every item read)"));
                System.out.println(firstRows.line("My work: fresh page load -> first row drawn"));
            } finally {
                browser.quit();
            }
        }
    }

    private static void awaitWork(URI api, String itemId, String token, int jobs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            int listed = 0;
            String next = null;
            do {
                JsonNode page = get(api, "/items/" + itemId + "/work?limit=100" + (next == null ? "" : "&nextToken=" + next), token);
                listed += page.path("work").size();
                next = page.path("nextToken").asText(null);
            } while (next != null);
            if (listed >= jobs) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The " + jobs + " jobs did not reach My work in 10 minutes");
    }

    private static JsonNode post(URI api, String path, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(api.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private static JsonNode get(URI api, String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(api.resolve(path)).GET(), token);
    }

    private static JsonNode send(HttpRequest.Builder request, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return MAPPER.readTree(response.body());
    }
}
