package dev.wfm.local.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * A record read from a shard, and the record as Lambda's DynamoDB event source hands it to a function
 * ({@code Records[]} of a {@code DynamodbEvent}): eventID, eventName, eventVersion, eventSource,
 * awsRegion, eventSourceARN and {@code dynamodb} with ApproximateCreationDateTime (epoch seconds),
 * Keys, NewImage, OldImage, SequenceNumber, SizeBytes and StreamViewType, images in DynamoDB JSON.
 */
public record ShardRecord(String sequenceNumber, Instant approximateCreation, ObjectNode lambdaJson) {
    static final ObjectMapper MAPPER = new ObjectMapper();

    public static ShardRecord of(Record record, String streamArn) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("eventID", record.eventID());
        json.put("eventName", record.eventNameAsString());
        json.put("eventVersion", record.eventVersion());
        json.put("eventSource", record.eventSource());
        json.put("awsRegion", record.awsRegion());
        var change = record.dynamodb();
        ObjectNode dynamodb = json.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        dynamodb.set("Keys", image(change.keys()));
        if (change.hasNewImage()) {
            dynamodb.set("NewImage", image(change.newImage()));
        }
        if (change.hasOldImage()) {
            dynamodb.set("OldImage", image(change.oldImage()));
        }
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        dynamodb.put("SizeBytes", change.sizeBytes());
        dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        json.put("eventSourceARN", streamArn);
        return new ShardRecord(change.sequenceNumber(), change.approximateCreationDateTime(), json);
    }

    private static ObjectNode image(Map<String, AttributeValue> attributes) {
        ObjectNode image = MAPPER.createObjectNode();
        attributes.forEach((name, value) -> image.set(name, value(value)));
        return image;
    }

    /** An attribute value in DynamoDB JSON: {@code {"S": "..."}}, {@code {"N": "1"}}, {@code {"M": {...}}}, ... */
    private static ObjectNode value(AttributeValue value) {
        ObjectNode json = MAPPER.createObjectNode();
        switch (value.type()) {
            case S -> json.put("S", value.s());
            case N -> json.put("N", value.n());
            case B -> json.put("B", base64(value.b()));
            case BOOL -> json.put("BOOL", value.bool());
            case NUL -> json.put("NULL", true);
            case SS -> value.ss().forEach(json.putArray("SS")::add);
            case NS -> value.ns().forEach(json.putArray("NS")::add);
            case BS -> {
                ArrayNode list = json.putArray("BS");
                value.bs().forEach(bytes -> list.add(base64(bytes)));
            }
            case L -> {
                ArrayNode list = json.putArray("L");
                value.l().forEach(item -> list.add(value(item)));
            }
            case M -> json.set("M", image(value.m()));
            default -> throw new IllegalArgumentException("An attribute value of an unknown type: " + value);
        }
        return json;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
