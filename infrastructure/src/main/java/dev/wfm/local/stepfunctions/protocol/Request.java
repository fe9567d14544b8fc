package dev.wfm.local.stepfunctions.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import java.io.IOException;

/** The JSON body of one API call, with AWS's answers to missing or mistyped members. */
final class Request {

    private final ObjectNode body;

    private Request(ObjectNode body) {
        this.body = body;
    }

    static Request parse(byte[] bytes) {
        if (bytes.length == 0) {
            return new Request(JsonValues.object());
        }
        JsonNode body;
        try {
            body = JsonValues.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new SfnApiException(ApiError.SERIALIZATION, "The request body is not valid JSON");
        }
        if (!(body instanceof ObjectNode object)) {
            throw new SfnApiException(ApiError.SERIALIZATION, "The request body must be a JSON object");
        }
        return new Request(object);
    }

    String required(String member) {
        String value = optional(member);
        if (value == null) {
            throw SfnApiException.constraint(member, "null", "Member must not be null");
        }
        return value;
    }

    String optional(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new SfnApiException(ApiError.SERIALIZATION, "'" + member + "' must be a string");
        }
        return value.textValue();
    }

    Integer optionalInt(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new SfnApiException(ApiError.SERIALIZATION, "'" + member + "' must be an integer");
        }
        return value.intValue();
    }

    boolean optionalBoolean(String member, boolean defaultValue) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw new SfnApiException(ApiError.SERIALIZATION, "'" + member + "' must be a boolean");
        }
        return value.booleanValue();
    }
}
