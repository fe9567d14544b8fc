package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;

/** Who a job or step is assigned to: a user, a group, or nobody. */
public record Assignment(Type type, String to) {
    public enum Type { User, Group, Unassigned }

    public static final Assignment UNASSIGNED = new Assignment(Type.Unassigned, null);

    /** Reads {@code assignedType}/{@code assignedTo}; absent both → null (no assignment given). */
    public static Assignment read(JsonNode body, String prefix) {
        String typeField = prefix + "assignedType";
        String typeText = JsonFields.optionalString(body, "assignedType", 20);
        String to = JsonFields.optionalString(body, "assignedTo", 200);
        if (typeText == null && to == null) {
            return null;
        }
        Type type;
        try {
            type = typeText == null ? Type.User : Type.valueOf(typeText);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("Expected assignedType User, Group or Unassigned, but got '" + typeText + "'", typeField);
        }
        if (type == Type.Unassigned) {
            return UNASSIGNED;
        }
        if (to == null || to.isBlank()) {
            throw Refusal.invalid("assignedType " + type + " needs assignedTo naming the " + type.name().toLowerCase(), prefix + "assignedTo");
        }
        return new Assignment(type, to);
    }

    public void write(ObjectNode node) {
        node.put("assignedType", type.name());
        if (to == null) {
            node.putNull("assignedTo");
        } else {
            node.put("assignedTo", to);
        }
    }
}
