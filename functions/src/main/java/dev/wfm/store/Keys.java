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

    private Keys() {}

    public static String item(String itemId) {
        return "ITEM#" + itemId;
    }
}
