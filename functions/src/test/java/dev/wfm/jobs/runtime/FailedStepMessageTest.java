package dev.wfm.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a person reads on a failed automated step: the product's words, never a Java class name or exception text. */
class FailedStepMessageTest {

    /** The error as Step Functions hands it over from a Lambda function that threw. */
    private static ObjectNode lambdaError(String errorType, String message) {
        ObjectNode cause = Json.object().put("errorMessage", message).put("errorType", errorType);
        cause.putArray("stackTrace").add("dev.wfm.jobs.runtime.StepWorker.handle(StepWorker.java:42)");
        return Json.object().put("Error", errorType).put("Cause", cause.toString());
    }

    @Test
    void aStepFailureShowsItsMessageAlone() {
        String message = "POST https://example.org/notify answered HTTP 404: no such hook";
        assertEquals(message, StepActivation.describe(lambdaError(StepFailure.class.getName(), message)));
        assertEquals(message + " (attempt 3 of 3)",
                StepActivation.describe(lambdaError(TransientStepFailure.class.getName(), message + " (attempt 3 of 3)")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.NullPointerException", "java.io.UncheckedIOException",
            "dev.wfm.jobs.runtime.StepWorker$WebRequestFailedException", "java.lang.IllegalStateException"})
    void anyOtherErrorIsAPlainSentenceWithoutItsClassOrText(String errorType) {
        String shown = StepActivation.describe(lambdaError(errorType, "The web request failed: null"));
        assertEquals("The step failed because of an internal error; the step worker's log has the details.", shown);
    }

    @Test
    void serviceErrorsAndTimeoutsAreNamedInWords() {
        assertEquals("The step did not finish within its time limit.",
                StepActivation.describe(Json.object().put("Error", "States.Timeout").put("Cause", "")));
        String shown = StepActivation.describe(lambdaError("Lambda.ServiceException", "Rate exceeded"));
        assertFalse(shown.contains("Rate exceeded"), shown);
    }
}
