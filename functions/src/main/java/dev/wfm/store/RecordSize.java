package dev.wfm.store;

import dev.wfm.common.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A record's size as DynamoDB counts it against its 400 KB item limit: each attribute's name in
 * UTF-8 plus its value (strings in UTF-8, numbers about one byte per two digits, lists and maps
 * 3 bytes plus their elements). Every write checks it first, so a request that would store too
 * large a record is refused (413) before anything is written, instead of failing in DynamoDB.
 */
public final class RecordSize {
    /** DynamoDB's item limit: 400 KB. */
    public static final int MAX_BYTES = 400 * 1024;

    private RecordSize() {}

    /** Refuses a record over {@link #MAX_BYTES} with PAYLOAD_TOO_LARGE. */
    public static void requireFits(Map<String, AttributeValue> record) {
        long size = bytes(record);
        if (size > MAX_BYTES) {
            throw new Refusal(Refusal.Kind.PAYLOAD_TOO_LARGE, "This would store a record of " + size + " bytes; a record holds at most "
                    + MAX_BYTES + " bytes (DynamoDB's item limit). Shorten the request's longest values.",
                    "body", List.of(), Map.of("limitBytes", Integer.toString(MAX_BYTES)));
        }
    }

    static long bytes(Map<String, AttributeValue> attributes) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            size += utf8(attribute.getKey()) + bytes(attribute.getValue());
        }
        return size;
    }

    private static long bytes(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> value.n().length() / 2 + 2;
            case B -> value.b().asByteArrayUnsafe().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(RecordSize::utf8).sum();
            case NS -> value.ns().stream().mapToLong(number -> number.length() / 2 + 2).sum();
            case BS -> value.bs().stream().mapToLong(bytes -> bytes.asByteArrayUnsafe().length).sum();
            case L -> 3 + value.l().stream().mapToLong(element -> 1 + bytes(element)).sum();
            case M -> 3 + value.m().entrySet().stream().mapToLong(entry -> 1 + utf8(entry.getKey()) + bytes(entry.getValue())).sum();
            case UNKNOWN_TO_SDK_VERSION -> 0;
        };
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
