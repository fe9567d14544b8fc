package dev.wfm.local;

/** Jobs for tests that act on them once they stand at their first step. */
public final class TestJobs {
    private TestJobs() {}

    /** A new job of the template, once its first step is current (a revision of its own, made by its execution). */
    public static String started(ApiClient api, String token, String itemId, String templateId) {
        String jobId = api.post("/items/" + itemId + "/jobs", token, "{\"jobTemplateId\": \"" + templateId + "\"}").created()
                .path("jobIds").path(0).asText();
        Await.until(() -> !api.get("/items/" + itemId + "/jobs/" + jobId, token).body().path("currentSteps").isEmpty(),
                20_000, "job " + jobId + " to reach its first step");
        return jobId;
    }
}
