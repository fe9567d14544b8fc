package dev.wfm.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfm.execution.ExecutionContract;
import org.junit.jupiter.api.Test;

class StepFailureNameTest {
    @Test
    void theErrorTheCompiledRetryMatchesIsTheWorkersTransientFailure() {
        assertEquals(TransientStepFailure.class.getName(), ExecutionContract.TRANSIENT_STEP_FAILURE,
                "the Lambda error name is the thrown class's name");
    }
}
