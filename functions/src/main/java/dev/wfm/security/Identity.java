package dev.wfm.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
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
     * API Gateway's JWT authorizer hands every claim over as a string: an array claim (the groups
     * a token carries as a JSON array, Cognito's among them) flattened to {@code [a b c]}, a string
     * claim as it is. So a claim in brackets is a flattened array, split at its spaces; any other
     * claim is one group, commas, quotes and all. Names that the flattening would make ambiguous
     * (see {@link #isCarriedExactly}) are refused wherever groups are granted anything, so no
     * token group can be read as another one.
     */
    public static Identity fromClaims(Map<String, String> claims) {
        String user = claims.get("sub");
        String rawGroups = claims.getOrDefault("groups", claims.get("cognito:groups"));
        return new Identity(user, parseGroups(rawGroups));
    }

    static List<String> parseGroups(String claim) {
        if (claim == null || claim.isBlank()) {
            return List.of();
        }
        if (claim.length() >= 2 && claim.startsWith("[") && claim.endsWith("]")) {
            return Arrays.stream(claim.substring(1, claim.length() - 1).split(" "))
                    .filter(group -> !group.isEmpty())
                    .distinct()
                    .toList();
        }
        return List.of(claim);
    }

    /**
     * Whether a group name reaches the functions as itself inside a flattened claim: not when it
     * holds whitespace (the flattening's separator), brackets (its delimiters), commas or quotes
     * (what other flattenings split or strip) or control characters. Cognito's group names cannot
     * hold whitespace; an identity provider whose names can is read ambiguously by API Gateway
     * itself, whatever the functions do.
     */
    public static boolean isCarriedExactly(String group) {
        return !group.isEmpty() && group.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c) || "[],\"'".indexOf(c) >= 0);
    }

    /** A list of token group names that are granted something, each one a token can carry exactly ({@link #isCarriedExactly}). */
    public static List<String> groupNames(JsonNode node, String target) {
        List<String> groups = JsonFields.stringList(node, target);
        for (int i = 0; i < groups.size(); i++) {
            if (!isCarriedExactly(groups.get(i))) {
                throw Refusal.invalid("Group '" + groups.get(i) + "' cannot be told apart from other groups in a token: tokens' "
                        + "groups reach the API flattened as [a b c], so a group name may not contain whitespace, commas, brackets, "
                        + "quotes or control characters", target + "[" + i + "]");
            }
        }
        return groups;
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
