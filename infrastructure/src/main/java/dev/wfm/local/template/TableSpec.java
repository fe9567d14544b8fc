package dev.wfm.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DynamoDB table of the template, with its key schema, global secondary indexes and the view type
 * of its stream ({@code StreamSpecification.StreamViewType}; null: no stream).
 */
public record TableSpec(String name, Map<String, String> attributeTypes, Key key, List<Index> indexes, String streamViewType) {

    public record Key(String hash, String range) {}

    public record Index(String name, Key key, String projectionType) {}

    static TableSpec parse(String logicalId, Map<String, Object> properties) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Object definition : SamTemplate.list(properties.get("AttributeDefinitions"))) {
            Map<String, Object> attribute = SamTemplate.cast(definition);
            types.put(String.valueOf(attribute.get("AttributeName")), String.valueOf(attribute.get("AttributeType")));
        }
        List<Index> indexes = SamTemplate.list(properties.get("GlobalSecondaryIndexes")).stream()
                .map(SamTemplate::cast)
                .map(index -> new Index(
                        String.valueOf(index.get("IndexName")),
                        key(index.get("KeySchema")),
                        String.valueOf(SamTemplate.cast(index.get("Projection")).getOrDefault("ProjectionType", "ALL"))))
                .toList();
        Object tableName = properties.get("TableName");
        String name = tableName instanceof String s ? s : logicalId;
        Object streamViewType = SamTemplate.cast(properties.get("StreamSpecification")).get("StreamViewType");
        return new TableSpec(name, Map.copyOf(types), key(properties.get("KeySchema")), indexes,
                streamViewType == null ? null : String.valueOf(streamViewType));
    }

    private static Key key(Object schema) {
        String hash = null;
        String range = null;
        for (Object element : SamTemplate.list(schema)) {
            Map<String, Object> part = SamTemplate.cast(element);
            if ("HASH".equals(part.get("KeyType"))) {
                hash = String.valueOf(part.get("AttributeName"));
            } else {
                range = String.valueOf(part.get("AttributeName"));
            }
        }
        return new Key(hash, range);
    }
}
