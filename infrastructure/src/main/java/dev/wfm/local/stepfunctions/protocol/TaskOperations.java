package dev.wfm.local.stepfunctions.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.execution.TaskTokens;
import dev.wfm.local.stepfunctions.execution.TaskTokens.Delivery;

/** SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat. */
final class TaskOperations {

    private static final int MAX_TOKEN_LENGTH = 2048;

    private final TaskTokens tokens;

    TaskOperations(TaskTokens tokens) {
        this.tokens = tokens;
    }

    ObjectNode success(Request request) {
        String token = token(request);
        String output = request.required("output");
        if (JsonValues.exceedsPayloadLimit(output)) {
            throw new SfnApiException(ApiError.INVALID_OUTPUT, "Invalid Output: 'The output exceeds 262144 bytes'");
        }
        Object value;
        try {
            value = JsonValues.parse(output);
        } catch (JsonProcessingException e) {
            throw new SfnApiException(ApiError.INVALID_OUTPUT, "Invalid Output: '" + e.getOriginalMessage() + "'");
        }
        return answered(tokens.succeed(token, value));
    }

    ObjectNode failure(Request request) {
        return answered(tokens.fail(token(request), request.optional("error"), request.optional("cause")));
    }

    ObjectNode heartbeat(Request request) {
        return answered(tokens.heartbeat(token(request)));
    }

    private static ObjectNode answered(Delivery delivery) {
        return switch (delivery) {
            case DELIVERED -> JsonValues.object();
            case TASK_TIMED_OUT -> throw new SfnApiException(ApiError.TASK_TIMED_OUT,
                    "Task Timed Out: 'Provided task does not exist anymore'");
            case INVALID_TOKEN -> throw new SfnApiException(ApiError.INVALID_TOKEN,
                    "Invalid Token: 'Provided task token is not valid or has been used'");
        };
    }

    private static String token(Request request) {
        String token = request.required("taskToken");
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw SfnApiException.constraint("taskToken", token.length() + " characters",
                    "Member must have length between 1 and " + MAX_TOKEN_LENGTH);
        }
        return token;
    }
}
