package dev.wfm.local.template;

import java.util.List;
import java.util.Map;

/**
 * A {@code DynamoDB} event of a function: the table whose stream it reads, and the event source
 * mapping's settings, with Lambda's defaults for those not set (enabled, BatchSize 100, no batching
 * window, retries and record age unbounded (-1), no bisecting, no batch item failures, no filter, no
 * destination).
 *
 * @param table the table's name
 * @param filterPatterns the FilterCriteria patterns; a record is delivered when it matches any (all when none)
 * @param onFailure the OnFailure destination's ARN, or null
 */
public record StreamSource(
        String eventId,
        boolean enabled,
        String table,
        String startingPosition,
        int batchSize,
        int batchingWindowSeconds,
        int maximumRetryAttempts,
        boolean bisectBatchOnFunctionError,
        int maximumRecordAgeSeconds,
        boolean reportBatchItemFailures,
        List<String> filterPatterns,
        String onFailure) {

    static StreamSource parse(String eventId, Map<String, Object> properties, Intrinsics intrinsics) {
        List<Object> stream = SamTemplate.list(SamTemplate.cast(properties.get("Stream")).get("Fn::GetAtt"));
        if (stream.size() != 2 || !"StreamArn".equals(stream.get(1))) {
            throw new IllegalArgumentException("The local cloud reads the DynamoDB event " + eventId + "'s Stream as !GetAtt <Table>.StreamArn only");
        }
        List<String> patterns = SamTemplate.list(SamTemplate.cast(properties.get("FilterCriteria")).get("Filters")).stream()
                .map(filter -> String.valueOf(SamTemplate.cast(filter).get("Pattern")))
                .toList();
        Object destination = SamTemplate.cast(SamTemplate.cast(properties.get("DestinationConfig")).get("OnFailure")).get("Destination");
        return new StreamSource(eventId,
                !Boolean.FALSE.equals(properties.get("Enabled")),
                intrinsics.resolve(Map.of("Ref", stream.get(0))),
                String.valueOf(properties.getOrDefault("StartingPosition", "LATEST")),
                number(properties, "BatchSize", 100),
                number(properties, "MaximumBatchingWindowInSeconds", 0),
                number(properties, "MaximumRetryAttempts", -1),
                Boolean.TRUE.equals(properties.get("BisectBatchOnFunctionError")),
                number(properties, "MaximumRecordAgeInSeconds", -1),
                SamTemplate.list(properties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                patterns,
                destination == null ? null : intrinsics.resolve(destination));
    }

    /** The same mapping, enabled or not. */
    public StreamSource enabled(boolean on) {
        return new StreamSource(eventId, on, table, startingPosition, batchSize, batchingWindowSeconds, maximumRetryAttempts,
                bisectBatchOnFunctionError, maximumRecordAgeSeconds, reportBatchItemFailures, filterPatterns, onFailure);
    }

    private static int number(Map<String, Object> properties, String name, int fallback) {
        Object value = properties.get(name);
        return value == null ? fallback : Integer.parseInt(String.valueOf(value));
    }
}
