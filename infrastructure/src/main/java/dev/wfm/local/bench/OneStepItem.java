package dev.wfm.local.bench;

import java.net.URI;

/** A workflow item with a template whose diagram is one manual step: the smallest job a benchmark can make. */
record OneStepItem(String itemId, String templateId) {
    private static final String DIAGRAM = """
            {"name": "One step", "start": "define",
             "steps": [{"id": "define", "name": "Define", "type": "manual"}, {"id": "done", "name": "Done", "type": "end"}],
             "paths": [{"from": "define", "to": "done"}]}""";

    static OneStepItem create(URI api, String token, String name) throws Exception {
        String itemId = LocalCloudBenchmark.send("POST", api.resolve("/items"), token, "{\"name\": \"" + name + "\"}").path("itemId").asText();
        String diagramId = LocalCloudBenchmark.send("POST", api.resolve("/items/" + itemId + "/diagrams"), token, DIAGRAM)
                .path("diagramId").asText();
        String templateId = LocalCloudBenchmark.send("POST", api.resolve("/items/" + itemId + "/job-templates"), token,
                "{\"name\": \"" + name + "\", \"diagramId\": \"" + diagramId + "\"}").path("jobTemplateId").asText();
        return new OneStepItem(itemId, templateId);
    }
}
