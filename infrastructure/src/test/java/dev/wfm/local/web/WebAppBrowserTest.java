package dev.wfm.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestJobs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The web app in a real browser against the test cloud: a worker finds a job in My work, opens it,
 * sees its current step highlighted on the diagram, finishes it and sees the next one highlighted
 * without a reload, answers the question, claims the group's step; a step finished elsewhere moves
 * the highlight live; an outsider sees nothing of the item. Screenshots land in target/screenshots.
 */
class WebAppBrowserTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();

    /** An item whose editors work on address verification jobs; jobs' own steps go to {@code worker}. */
    private record Item(String itemId, String templateId) {}

    private Item item(String name, String worker) {
        String itemId = api.post("/items", admin, "{\"name\": \"" + name + "\", \"roles\": {\"admin\": [\"admins\"], "
                + "\"manager\": [\"managers\"], \"worker\": [\"editors\"]}}").created().path("itemId").asText();
        String diagramId = api.post("/items/" + itemId + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json"))
                .created().path("diagramId").asText();
        String templateId = api.post("/items/" + itemId + "/job-templates", admin, "{\"name\": \"Verify\", \"diagramId\": \"" + diagramId
                + "\", \"jobName\": \"Verify 12 Elm Street\", \"priority\": \"High\", \"assignedType\": \"User\", \"assignedTo\": \""
                + worker + "\"}").created().path("jobTemplateId").asText();
        return new Item(itemId, templateId);
    }

    @Test
    void aWorkerWalksAJobFromMyWorkOnItsDiagramAndClaimsTheGroupsStep() {
        Item item = item("Web walk", "wendy");
        String jobId = TestJobs.started(api, admin, item.itemId(), item.templateId());
        try (Browser browser = Browser.open(cloud.endpoints().web())) {
            browser.signIn("wendy", "editors");
            browser.pickItem(item.itemId());
            String row = "#work-table tr[data-job-id='" + jobId + "'][data-step-id='define']";
            String work = browser.text(row);
            assertTrue(work.contains("Verify 12 Elm Street") && work.contains("Define location") && work.contains("High"), work);
            browser.shoot("my-work");
            browser.assertEveryControlIsLabelled();

            browser.click(row + " a");
            WebDriver driver = browser.driver;
            browser.find("#job-diagram g.step.current[data-step-id='define']");
            assertTrue(classOf(browser, "define").contains("ready"), classOf(browser, "define"));
            browser.shoot("job");
            browser.assertEveryControlIsLabelled();
            ((JavascriptExecutor) driver).executeScript("window.stayedOnThePage = true;");

            browser.click("#current-steps article[data-step-id='define'] button.action-finish");
            browser.find("#job-diagram g.step.current[data-step-id='review']");
            assertTrue(classOf(browser, "define").contains("finished"), classOf(browser, "define"));
            browser.shoot("job-next-step");

            browser.click("#current-steps article[data-step-id='review'] button[data-answer='yes']");
            browser.find("#job-diagram g.step.current[data-step-id='edit']");
            browser.find("#current-steps article[data-step-id='edit'] button.action-claim");
            browser.click("#current-steps article[data-step-id='edit'] button.action-claim");
            browser.await(d -> d.findElement(By.cssSelector("#current-steps article[data-step-id='edit']")).getText().contains("Assigned to wendy"));
            assertEquals("wendy", api.get("/items/" + item.itemId() + "/jobs/" + jobId, admin).body().path("currentSteps").path(0)
                    .path("assignedTo").asText(), "the claim reached the job");
            browser.shoot("job-claimed");

            // Finished elsewhere: the WebSocket message moves the highlight on this open page.
            api.post("/items/" + item.itemId() + "/jobs/" + jobId + "/action", admin, "{\"type\": \"Finish\", \"stepIds\": [\"edit\"]}");
            browser.find("#job-diagram g.step.current[data-step-id='qa']");
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return window.stayedOnThePage === true;"),
                    "the page was never reloaded");
            browser.width(390);
            browser.shoot("job-390px");
        }
    }

    @Test
    void aNewStepForMeAppearsInMyWorkWithoutAReload() {
        Item item = item("Web live queue", "lena");
        try (Browser browser = Browser.open(cloud.endpoints().web())) {
            browser.signIn("lena", "editors");
            browser.pickItem(item.itemId());
            browser.find("#work-table");
            browser.await(d -> d.findElement(By.id("live")).getAttribute("data-state").equals("live"));
            ((JavascriptExecutor) browser.driver).executeScript("window.stayedOnThePage = true;");
            String jobId = TestJobs.started(api, admin, item.itemId(), item.templateId());
            browser.find("#work-table tr[data-job-id='" + jobId + "'][data-step-id='define']");
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser.driver).executeScript("return window.stayedOnThePage === true;"));
            browser.click("#work-table button[data-sort='jobName']");
            browser.find("#work-table th[aria-sort='ascending'] button[data-sort='jobName']");
            browser.width(390);
            browser.shoot("my-work-390px");
        }
    }

    @Test
    void onTheJobPageAWorkerHoldsAndReleasesAStepCommentsAttachesAndReadsTheHistory() throws Exception {
        Item item = item("Web job page", "hana");
        String jobId = TestJobs.started(api, admin, item.itemId(), item.templateId());
        assertEquals(200, api.send("PUT", "/items/" + item.itemId() + "/jobs/" + jobId + "/location", admin,
                "{\"type\": \"Polygon\", \"coordinates\": [[[13.40, 52.52], [13.41, 52.52], [13.41, 52.53], [13.40, 52.53], [13.40, 52.52]]]}")
                .status());
        Path plan = Files.createTempFile("plan", ".txt");
        Files.writeString(plan, "a one-page plan\n");
        try (Browser browser = Browser.open(cloud.endpoints().web())) {
            browser.signIn("hana", "editors");
            browser.driver.get(cloud.endpoints().web() + "/#/items/" + item.itemId() + "/jobs/" + jobId);
            String shape = browser.await(d -> d.findElement(By.cssSelector("#job-location svg")).getAttribute("aria-label"));
            assertTrue(shape.startsWith("Location: area, 5 vertices"), shape);
            assertEquals(1, browser.driver.findElements(By.cssSelector("#job-location svg polygon.shape")).size());
            String define = "#current-steps article[data-step-id='define']";
            browser.click(define + " .hold button");
            browser.click(define + " button.action-releasehold");
            browser.await(d -> d.findElement(By.cssSelector(define + " .status")).getText().equals("Ready"));

            browser.find("#comment-text").sendKeys("Surveyor booked for Monday");
            browser.click("#comment-form button[type=submit]");
            browser.await(d -> d.findElement(By.id("job-comments")).getText().contains("Surveyor booked for Monday"));

            browser.find("#link-url").sendKeys("https://example.org/spec");
            browser.find("#link-alias").sendKeys("Spec");
            browser.click("#link-form button[type=submit]");
            browser.find("#job-attachments a[href='https://example.org/spec']");
            browser.find("#attachment-file").sendKeys(plan.toAbsolutePath().toString());
            browser.click("#upload-form button[type=submit]");
            browser.await(d -> d.findElement(By.id("job-attachments")).getText().contains("Download " + plan.getFileName()));

            for (String action : List.of("StepHeld", "HoldReleased", "CommentAdded", "AttachmentAdded")) {
                browser.find("#job-history li[data-action='" + action + "']");
            }
            assertEquals(2, api.get("/items/" + item.itemId() + "/jobs/" + jobId + "/attachments", admin).body().path("attachments").size());
            assertTrue(browser.text("#job-history").contains("Surveyor booked for Monday"), "the timeline tells what was said");
            ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('job-comments').scrollIntoView()");
            browser.shoot("job-page-details");
        }
    }

    @Test
    void afterADroppedConnectionTheJobPageConnectsAgainAndStaysLive() throws Exception {
        Item item = item("Web reconnect", "rita");
        String jobId = TestJobs.started(api, admin, item.itemId(), item.templateId());
        try (Browser browser = Browser.open(cloud.endpoints().web())) {
            browser.signIn("rita", "editors");
            browser.driver.get(cloud.endpoints().web() + "/#/items/" + item.itemId() + "/jobs/" + jobId);
            browser.find("#job-diagram g.step.current[data-step-id='define']");
            browser.await(d -> !jobSubscribers(item.itemId(), jobId).isEmpty());
            List<String> dropped = jobSubscribers(item.itemId(), jobId);
            for (String connectionId : dropped) {
                HttpResponse<Void> closed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(System.getProperty("WEBSOCKET_CALLBACK_URL") + "/@connections/" + connectionId)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
                assertEquals(204, closed.statusCode(), "the local WebSocket API closed connection " + connectionId);
            }
            browser.await(d -> jobSubscribers(item.itemId(), jobId).stream().anyMatch(id -> !dropped.contains(id)));
            browser.await(d -> d.findElement(By.id("live")).getAttribute("data-state").equals("live"));

            api.post("/items/" + item.itemId() + "/jobs/" + jobId + "/action", admin, "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}");
            browser.find("#job-diagram g.step.current[data-step-id='review']");
            browser.shoot("job-after-reconnect");
        }
    }

    /** The connections subscribed to the job's events, from their subscription records. */
    private static List<String> jobSubscribers(String itemId, String jobId) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(TestCloud.get().endpoints().dynamodb()).build()) {
            return dynamo.query(q -> q.tableName("WorkflowTable").keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ITEM#" + itemId + "#SUBSCRIBERS#JOB#" + jobId))))
                    .items().stream().map(record -> record.get("sk").s()).toList();
        }
    }

    @Test
    void aManagerSearchesSeesAFaultAtItsPositionSavesTheSearchAndReadsTheCharts() {
        Item item = item("Web search", "wendy");
        TestJobs.started(api, admin, item.itemId(), item.templateId());
        TestJobs.started(api, admin, item.itemId(), item.templateId());
        try (Browser browser = Browser.open(cloud.endpoints().web())) {
            browser.signIn("mona", "managers");
            browser.driver.get(cloud.endpoints().web() + "/#/items/" + item.itemId() + "/search");
            browser.find("#search-q").sendKeys("priority = 'High' AND");
            browser.click("#search-form button[type=submit]");
            browser.find("#search-fault-at");
            assertTrue(browser.text("#search-message").contains("position 21"), browser.text("#search-message"));
            browser.shoot("search-fault");

            browser.find("#search-q").sendKeys(" closed = 0");
            browser.click("#search-form button[type=submit]");
            browser.await(d -> d.findElement(By.id("search-total")).getText().startsWith("2 jobs"));
            browser.find("#save-name").sendKeys("Open and high");
            browser.find("#save-share").sendKeys("editors");
            browser.click("#save-form button[type=submit]");
            browser.await(d -> d.findElement(By.id("saved-searches")).getText().contains("Open and high shared with editors"));
            browser.shoot("search");
            browser.assertEveryControlIsLabelled();

            browser.click("nav a[data-nav='stats']");
            String priority = browser.await(d -> d.findElement(By.cssSelector("#stats-charts figure[data-group-by='priority'] svg"))
                    .getAttribute("aria-label"));
            assertEquals("By priority: High 2", priority);
            assertEquals(1, browser.driver.findElements(By.cssSelector("#stats-charts figure[data-group-by='priority'] rect.bar")).size());
            assertEquals("By template: Verify 2", browser.find("#stats-charts figure[data-group-by='jobTemplateId'] svg").getAttribute("aria-label"),
                    "templates by name");
            browser.shoot("statistics");
            browser.assertEveryControlIsLabelled();
        }
    }

    @Test
    void anAdminSeesADraftsProblemsOnItsPictureFixesAndPublishesItThenEditsATemplateAddsARuleAndReadsAWebhooksLog() {
        Item item = item("Web admin", "wendy");
        String diagramId = api.get("/items/" + item.itemId() + "/job-templates/" + item.templateId(), admin).body().path("diagramId").asText();
        api.post("/items/" + item.itemId() + "/webhooks", admin, "{\"name\": \"Survey form\", \"jobTemplateId\": \"" + item.templateId()
                + "\", \"kind\": \"generic\", \"security\": \"secret\"}").created();
        try (Browser browser = Browser.open(cloud.endpoints().web())) {
            browser.signIn("ada", "admins");
            browser.pickItem(item.itemId());
            browser.click("nav a[data-nav='admin']");
            browser.click("#diagram-list button[data-diagram-id='" + diagramId + "']");
            browser.await(d -> d.findElement(By.id("diagram-problems")).getText().contains("No problems"));
            browser.find("#diagram-picture g[data-step-id='review'].step");

            String published = browser.find("#diagram-json").getDomProperty("value");
            String draft = published.replaceFirst("\"to\": \"review\"", "\"to\": \"reveiw\"");
            type(browser, "#diagram-json", draft);
            browser.click("#diagram-draw");
            assertEquals("step problem", browser.await(d -> {
                String classes = d.findElement(By.cssSelector("#diagram-picture g[data-step-id='review']")).getAttribute("class");
                return classes.contains("problem") ? classes : null;
            }), "nothing leads to review any more: the picture marks it");
            assertTrue(browser.text("#diagram-picture").contains("define \u2192 reveiw"), "the path to a missing step is noted under the picture");
            assertTrue(browser.text("#diagram-problems").contains("paths[0]"), browser.text("#diagram-problems"));
            assertEquals("step", browser.find("#diagram-picture g[data-step-id='define']").getAttribute("class"));
            browser.shoot("admin-diagram-problems");

            browser.click("#diagram-publish");
            browser.await(d -> d.findElement(By.id("diagram-problems")).getText().contains("problem(s)"));
            assertEquals(1, api.get("/items/" + item.itemId() + "/diagrams/" + diagramId, admin).body().path("version").asInt(),
                    "a draft with problems is not published");
            type(browser, "#diagram-json", published.replaceFirst("\"name\": \"Address verification\"", "\"name\": \"Address check\""));
            browser.click("#diagram-publish");
            browser.await(d -> d.findElement(By.id("diagram-status")).getText().equals("Published version 2."));
            assertEquals("Address check", api.get("/items/" + item.itemId() + "/diagrams/" + diagramId, admin).body().path("name").asText());

            browser.click("#admin-templates button[aria-label='Edit Verify']");
            type(browser, "#templates-json", browser.find("#templates-json").getDomProperty("value").replace("\"High\"", "\"Low\""));
            browser.click("#templates-editor button.save");
            browser.await(d -> d.findElement(By.id("templates-result")).getText().contains("Saved."));
            browser.await(d -> d.findElement(By.id("admin-templates")).getText().contains("Low"));
            assertEquals("Low", api.get("/items/" + item.itemId() + "/job-templates/" + item.templateId(), admin).body().path("priority").asText());

            browser.click("#admin-rules button.new");
            String rule = browser.find("#rules-json").getDomProperty("value");
            assertTrue(rule.contains("\"ada\""), "a new rule mails the admin who makes it: " + rule);
            type(browser, "#rules-json", rule.replace("\"New rule\"", "\"Tell Ada\"").replace("stepBecameCurrent", "stepStarted"));
            browser.click("#rules-editor button.save");
            browser.await(d -> d.findElement(By.id("rules-result")).getText().contains("on[0]"));
            type(browser, "#rules-json", rule.replace("\"New rule\"", "\"Tell Ada\""));
            browser.click("#rules-editor button.save");
            browser.await(d -> d.findElement(By.id("admin-rules")).getText().contains("Tell Ada"));
            assertEquals("Tell Ada", api.get("/items/" + item.itemId() + "/notifications", admin).body().path("rules").get(0).path("name").asText());

            browser.click("#admin-webhooks button[aria-label='Deliveries of Survey form']");
            browser.await(d -> d.findElement(By.id("admin-log")).getText().contains("Webhook Survey form"));
            browser.shoot("admin");
            browser.assertEveryControlIsLabelled();
        }
        try (Browser browser = Browser.open(cloud.endpoints().web())) {
            browser.signIn("wendy", "editors");
            browser.pickItem(item.itemId());
            assertFalse(browser.find("nav a[data-nav='admin']").isDisplayed(), "a worker is offered no administration");
        }
    }

    /** Replaces what the field holds with {@code text}, typed as a person pastes it. */
    private static void type(Browser browser, String css, String text) {
        WebElement field = browser.find(css);
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void anOutsiderSeesNothingOfTheItem() {
        Item item = item("Web private", "wendy");
        String jobId = TestJobs.started(api, admin, item.itemId(), item.templateId());
        try (Browser browser = Browser.open(cloud.endpoints().web())) {
            browser.signIn("olga", "web-outsiders"); // a group no test item gives a role
            browser.find("#no-items");
            browser.driver.get(cloud.endpoints().web() + "/#/items/" + item.itemId() + "/jobs/" + jobId);
            browser.find("#not-found");
            String page = browser.driver.getPageSource();
            assertFalse(page.contains("Verify 12 Elm Street"), "the job's name is not on the page");
            assertFalse(page.contains("Web private"), "nor the item's");
            browser.shoot("outsider");
        }
    }

    private static String classOf(Browser browser, String stepId) {
        return browser.await(d -> d.findElement(By.cssSelector("#job-diagram g[data-step-id='" + stepId + "']")).getAttribute("class"));
    }
}
