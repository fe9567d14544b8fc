package dev.wfm.local.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        if (Json.exceedsPayloadLimit(output)) {
            throw new ApiException(ApiError.INVALID_OUTPUT, "Invalid Output: 'The output exceeds 262144 bytes'");
        }
        Object value;
        try {
            value = Json.parse(output);
        } catch (JsonProcessingException e) {
            throw new ApiException(ApiError.INVALID_OUTPUT, "Invalid Output: '" + e.getOriginalMessage() + "'");
        }
        tokens.succeed(token, value);
        return Json.object();
    }

    ObjectNode failure(Request request) {
        tokens.fail(token(request), request.optional("error"), request.optional("cause"));
        return Json.object();
    }

    ObjectNode heartbeat(Request request) {
        tokens.heartbeat(token(request));
        return Json.object();
    }

    private static String token(Request request) {
        String token = request.required("taskToken");
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw ApiException.constraint("taskToken", token.length() + " characters",
                    "Member must have length between 1 and " + MAX_TOKEN_LENGTH);
        }
        return token;
    }
}
