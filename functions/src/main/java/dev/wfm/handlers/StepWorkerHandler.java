package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.wfm.common.Json;
import dev.wfm.common.Log;
import dev.wfm.jobs.runtime.StepWorker;
import java.util.Map;

/** Runs automated steps for job executions; a thrown exception is the step's failure (see StepWorker). */
public final class StepWorkerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final StepWorker worker;

    public StepWorkerHandler() {
        Services services = Services.get();
        worker = new StepWorker(services.unitOfWork, services.catalog, services.creation, services.parentJobs, services.outbound,
                services.secretHeaders);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> payload, Context context) {
        return Log.during(context, () -> FunctionErrors.named(
                () -> Json.MAPPER.convertValue(worker.handle(Json.MAPPER.valueToTree(payload)), Map.class)));
    }
}
