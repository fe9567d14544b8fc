package dev.wfm.diagrams;

import java.util.Arrays;
import java.util.Optional;

/** Who a step is assigned to by default, as written in diagram JSON. */
public enum AssignedType {
    USER("User"),
    GROUP("Group"),
    UNASSIGNED("Unassigned");

    private final String json;

    AssignedType(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<AssignedType> fromJson(String value) {
        return Arrays.stream(values()).filter(t -> t.json.equals(value)).findFirst();
    }
}
