package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.wfm.common.Json;
import dev.wfm.common.Log;
import dev.wfm.jobs.runtime.StepActivation;
import java.util.Map;

/**
 * Invoked by job executions (see execution.ExecutionContract) when a step becomes current, an
 * automated step fails, or the job completes. The payload is the task's Arguments.Payload.
 */
public final class StepActivationHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final StepActivation activation = Services.get().activation;

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> payload, Context context) {
        return Log.during(context, () -> FunctionErrors.named(
                () -> Json.MAPPER.convertValue(activation.handle(Json.MAPPER.valueToTree(payload)), Map.class)));
    }
}
