package dev.wfm.http;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The caller, as the JWT authorizer saw it: the token's {@code sub} and its groups
 * ({@code groups}, or Cognito's {@code cognito:groups}).
 */
public record Identity(String user, List<String> groups) {
    public Identity {
        groups = List.copyOf(groups);
    }

    /**
     * API Gateway's JWT authorizer hands claims over as strings and flattens an array claim to
     * {@code [a b c]}; a JSON array string or a comma list are accepted as well.
     */
    public static Identity fromClaims(Map<String, String> claims) {
        String user = claims.get("sub");
        String rawGroups = claims.getOrDefault("groups", claims.get("cognito:groups"));
        return new Identity(user, parseGroups(rawGroups));
    }

    static List<String> parseGroups(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        String inner = raw.strip();
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        return Arrays.stream(inner.split("[,\\s]+"))
                .map(group -> group.replace("\"", "").strip())
                .filter(group -> !group.isEmpty())
                .distinct()
                .toList();
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
