package dev.wfm.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.execution.ExecutionContract.Activation;
import dev.wfm.execution.ExecutionContract.Choice;
import dev.wfm.execution.ExecutionContract.Decided;
import dev.wfm.execution.ExecutionContract.ExecutionInput;
import dev.wfm.execution.ExecutionContract.Receipt;
import dev.wfm.execution.ExecutionContract.StepDone;
import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.execution.ExecutionContract.Work;
import dev.wfm.execution.ExecutionContract.WorkResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes the generated state machines and the functions exchange, as each side reads and writes them. */
class ExecutionContractTest {
    @Test
    void tokenKindsAreStoredAsTheNamesJobsHaveAlwaysHeld() throws Exception {
        assertEquals("[\"step\",\"decision\",\"wait\",\"child\"]", Json.write(List.of(TokenKind.values())));
        assertEquals(TokenKind.CHILD, Json.MAPPER.readValue("\"child\"", TokenKind.class));
        assertNull(Json.MAPPER.readValue("null", TokenKind.class), "an answer stored before answers named their kind");
    }

    @Test
    void anExecutionEntersTheFirstStepOfASetAsResumeAtAndTheRestAsResumeAlso() {
        JsonNode input = new ExecutionInput("item", "job", Json.object(), List.of("a", "b", "c"), List.of("c")).toJson();

        assertEquals("{\"itemId\":\"item\",\"jobId\":\"job\",\"job\":{},\"resumeAt\":\"a\",\"resumeAlso\":[\"b\",\"c\"],"
                + "\"resumeFailed\":[\"c\"]}", input.toString());
        assertEquals("{\"itemId\":\"item\",\"jobId\":\"job\",\"job\":{}}",
                new ExecutionInput("item", "job", Json.object(), List.of(), List.of()).toJson().toString(), "a first execution starts at the start");
    }

    @Test
    void everyAnswerCarriesTheJobAndOnlyTheFieldsItHas() {
        assertEquals("{\"returnCode\":\"yes\",\"job\":{}}", new StepDone("yes", Json.object()).toJson().toString());
        assertEquals("{\"job\":{}}", new StepDone(null, Json.object()).toJson().toString());
        assertEquals("{\"decision\":\"retry\",\"job\":{}}", new Decided(Choice.RETRY, null, Json.object()).toJson().toString());
        assertEquals("{\"decision\":\"skip\",\"returnCode\":\"x\",\"job\":{}}", new Decided(Choice.SKIP, "x", Json.object()).toJson().toString());
        assertEquals("{\"returnCode\":\"closed\",\"result\":{\"jobId\":\"c\"},\"job\":{}}",
                new WorkResult("closed", Json.object().put("jobId", "c"), Json.object()).toJson().toString());
        assertEquals("{\"job\":{}}", new WorkResult(null, null, Json.object()).toJson().toString(), "a wait that ended");
    }

    @Test
    void anAnswerIsSentWithTheJobAsSavedInEachReceiptUnlessTheJobIsTooLongToCarry() {
        JsonNode stored = new Receipt("review", 4).on(new StepDone("yes", Json.object().put("revision", 4)).toJson());

        JsonNode sent = Receipt.sentWith(stored, "{\"revision\":4}");

        assertEquals(List.of("{\"revision\":4}"), Receipt.savedJobs(sent));
        assertEquals(List.of(new Receipt("review", 4)), Receipt.carried(sent), "the receipt is the same one");
        assertEquals(List.of(), Receipt.savedJobs(stored), "the stored answer holds no copy of the job");
        String tooLong = "x".repeat(ExecutionContract.SAVED_LIMIT + 1);
        assertEquals(stored, Receipt.sentWith(stored, tooLong), "a job too long to carry is read by the next call");
        JsonNode noReceipt = new StepDone("yes", Json.object()).toJson();
        assertEquals(noReceipt, Receipt.sentWith(noReceipt, "{}"));
    }

    @Test
    void aStartIsSentWithTheJobAsSavedInAReceiptOfNoStepUnlessTheJobIsTooLongToCarry() {
        JsonNode stored = new ExecutionInput("item", "job", Json.object(), List.of(), List.of()).toJson();

        JsonNode sent = Receipt.startedWith(stored, 1, "{\"revision\":1}");

        assertEquals("{\"itemId\":\"item\",\"jobId\":\"job\",\"job\":{},\"answered\":[{\"revision\":1,\"saved\":\"{\\\"revision\\\":1}\"}]}",
                sent.toString());
        assertEquals(List.of("{\"revision\":1}"), Receipt.savedJobs(sent));
        assertEquals(List.of(), Receipt.carried(sent), "it proves no answer arrived");
        assertEquals("{\"itemId\":\"item\",\"jobId\":\"job\",\"job\":{}}", stored.toString(), "the stored input is left as it is");
        assertEquals(stored, Receipt.startedWith(stored, 1, "x".repeat(ExecutionContract.SAVED_LIMIT + 1)));
    }

    @Test
    void theActivationFunctionReadsItsThreeActionsAndRefusesOthers() throws Exception {
        Activation activate = Activation.read(Json.read("{\"action\": \"activate\", \"itemId\": \"i\", \"jobId\": \"j\", \"stepId\": \"s\", "
                + "\"taskToken\": \"t\", \"autoRun\": true}"));
        Activation failed = Activation.read(Json.read("{\"action\": \"failed\", \"itemId\": \"i\", \"jobId\": \"j\", \"stepId\": \"s\", "
                + "\"executionArn\": \"arn\", \"taskToken\": \"t\", \"error\": {\"Error\": \"E\"}}"));

        assertEquals(new Activation.Activate("i", "j", "s", null, "t", true), activate);
        assertEquals("E", assertInstanceOf(Activation.Failed.class, failed).error().path("Error").asText());
        assertEquals("arn", failed.executionArn());
        assertInstanceOf(Activation.Complete.class, Activation.read(Json.read("{\"action\": \"complete\", \"stepId\": \"end\"}")));
        assertThrows(IllegalArgumentException.class, () -> Activation.read(Json.read("{\"action\": \"work\"}")));
    }

    @Test
    void theWorkerReadsItsPayloadWithTheFirstAttemptWhenNoneIsGiven() throws Exception {
        Work work = Work.read(Json.read("{\"action\": \"work\", \"itemId\": \"i\", \"jobId\": \"j\", \"stepId\": \"s\", \"job\": {\"a\": 1}}"));

        assertEquals(new Work("i", "j", "s", null, Json.object().put("a", 1), 1, null), work);
        assertEquals("t", Work.read(Json.read("{\"attempt\": 2, \"taskToken\": \"t\"}")).taskToken());
        assertEquals("arn", Work.read(Json.read("{\"executionArn\": \"arn\"}")).executionArn());
    }

    @Test
    void anAnswerCarriesItsReceiptAndAPayloadGivesBackTheReceiptsItCarries() throws Exception {
        Receipt receipt = new Receipt("review", 7);
        JsonNode answer = receipt.on(new StepDone("yes", Json.object().put("revision", 7)).toJson());

        assertEquals("{\"returnCode\":\"yes\",\"job\":{\"revision\":7},\"answered\":[{\"stepId\":\"review\",\"revision\":7}]}",
                answer.toString());
        assertEquals(List.of(receipt), Receipt.carried(answer));
        assertEquals(List.of(receipt, new Receipt("archive", 9)), Receipt.carried(Json.read(
                "{\"answered\": [{\"stepId\": \"review\", \"revision\": 7}, {\"stepId\": \"archive\", \"revision\": 9}]}")));
        assertEquals(List.of(), Receipt.carried(Json.read("{\"action\": \"activate\"}")), "machines compiled before receipts send none");
    }
}
