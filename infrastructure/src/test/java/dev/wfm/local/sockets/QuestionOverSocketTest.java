package dev.wfm.local.sockets;

import static dev.wfm.local.sockets.SocketClient.msgType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A question step that becomes current is answered over the socket, through the same Finish as over HTTP. */
class QuestionOverSocketTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final LiveItem item = new LiveItem("Questions");

    @Test
    void aQuestionAnsweredOverTheSocketMovesTheJobAndAWrongAnswerIsRefused() {
        String jobId = item.newJob();
        try (SocketClient client = SocketClient.connect(item.endpoint(), item.itemId, item.token("mia", "managers"))) {
            client.send("{\"action\": \"subscribe\", \"jobIds\": [\"" + jobId + "\"]}");
            client.await(msgType("Subscribed"), BOUND, "the subscription");
            item.act(jobId, "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}");
            JsonNode question = client.await(msgType("StepInfoRequired", "review"), BOUND, "the question").path("message");
            Await.until(() -> item.api.get("/items/" + item.itemId + "/jobs/" + jobId, item.admin).body()
                    .path("currentSteps").path(0).hasNonNull("stepId"), 30_000, "review to be current");

            client.send(answer(jobId, "maybe"));
            JsonNode refused = client.await(msgType("Error"), BOUND, "the refused answer").path("message");
            assertEquals("INVALID_ARGUMENT", refused.path("code").asText());
            assertEquals("INVALID_RETURN_CODE", refused.path("details").path(0).path("code").asText());
            assertEquals("stepInfoResponse", refused.path("action").asText());
            assertEquals("review", currentStep(jobId), "a wrong answer changes nothing");

            client.send(answer(jobId, question.path("answers").path(0).path("value").asText()));
            JsonNode accepted = client.await(msgType("StepInfoResponseAccepted"), BOUND, "the accepted answer").path("message");
            assertEquals("Finished", accepted.path("status").asText());
            JsonNode finished = client.await(msgType("StepFinished", "review"), BOUND, "review finished").path("message");
            assertEquals("yes", finished.path("returnCode").asText());
            assertEquals("mia", finished.path("user").asText(), "the answer is the connection's user's");
            Await.until(() -> "edit".equals(currentStep(jobId)), 30_000, "the job to move on to edit");
        }
    }

    private String answer(String jobId, String response) {
        return "{\"action\": \"stepInfoResponse\", \"jobId\": \"" + jobId + "\", \"stepId\": \"review\", \"questionResponse\": \""
                + response + "\", \"comment\": \"checked\"}";
    }

    private String currentStep(String jobId) {
        return item.api.get("/items/" + item.itemId + "/jobs/" + jobId, item.admin).body().path("currentSteps").path(0).path("stepId").asText();
    }
}
