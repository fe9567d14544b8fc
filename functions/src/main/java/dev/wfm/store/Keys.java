package dev.wfm.store;

/**
 * The single-table key design. Every record lives under its workflow item's partition family so
 * a tenant's data never mixes with another's:
 * <pre>
 *   pk                 sk                    what
 *   ITEM#{itemId}      ITEM                  a workflow item (tenant); gsi1 = ITEMS / name#itemId
 * </pre>
 * gsi1 (gsi1pk, gsi1sk) serves listings; gsi2 a second access pattern per record kind;
 * DueIndex (duePk, dueAt) holds work due at a time, so a scheduler tick is a Query.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String GSI1 = "gsi1";

    /** DynamoDB's limit on a partition key value (of the table or of an index), in UTF-8. */
    public static final int MAX_PARTITION_KEY_BYTES = 2048;

    private Keys() {}

    /** Whether DynamoDB accepts the value as a partition key (a longer one fails the whole request). */
    public static boolean fitsPartitionKey(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PARTITION_KEY_BYTES;
    }

    public static String item(String itemId) {
        return "ITEM#" + itemId;
    }
}
