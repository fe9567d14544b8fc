package dev.wfm.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.geo.SpatialFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search or statistics request body, checked: {@code q} (≤ 4,000 characters, parsed here),
 * {@code search} (≤ 1,000), {@code fields}, {@code sortFields} (≤ 5), {@code start} (≥ 0),
 * {@code num} (1..1000, the seed product's most, default 100), {@code nextToken} (from a previous page; it stands for
 * {@code start} and only fits the same q, search and sort), {@code explain} (add the plan),
 * {@code geometry} + {@code spatialRel} (see {@link SpatialFilter}). {@code now} is the one time
 * the search is made at: what {@code now()} and {@code today()} in q stand for, and when the SLA
 * clock's fields are read.
 */
public record SearchRequest(String q, Expr where, String search, List<SearchField> fields, List<JobSearch.SortField> sort,
                     int start, int num, boolean explain, Map<String, FieldType> extendedTypes, SpatialFilter spatial, Instant now) {
    static final int MAX_SEARCH = 1000;
    static final int MAX_NUM = 1000;
    static final int DEFAULT_NUM = 100;
    static final int MAX_SORT = 5;
    /** The members of a search body and of a statistics body. */
    public static final Set<String> FIELDS = Set.of("q", "search", "fields", "sortFields", "start", "num", "nextToken", "explain",
            "geometry", "spatialRel");
    public static final Set<String> STATISTICS_FIELDS = Set.of("q", "search", "groupBy", "explain", "geometry", "spatialRel");

    /** With the types of the extended property fields ({@code table.field}) the request may name. */
    public static SearchRequest read(JsonNode body, Map<String, FieldType> extendedTypes, Instant now) {
        String q = JsonFields.optionalString(body, "q", QueryParser.MAX_LENGTH);
        Expr where = parse(q, extendedTypes, now);
        String search = JsonFields.optionalString(body, "search", MAX_SEARCH);
        List<SearchField> fields = new ArrayList<>();
        for (String name : JsonFields.stringList(body.get("fields"), "fields")) {
            fields.add(field(name, "fields", extendedTypes));
        }
        if (fields.isEmpty()) {
            fields.addAll(List.of(JobField.values()));
        }
        List<JobSearch.SortField> sort = sort(body.get("sortFields"), extendedTypes);
        int num = integer(body, "num", DEFAULT_NUM, 1, MAX_NUM);
        int start = integer(body, "start", 0, 0, Integer.MAX_VALUE);
        String token = JsonFields.optionalString(body, "nextToken", 200);
        SearchRequest request = new SearchRequest(q, where, search, List.copyOf(fields), sort, start, num,
                JsonFields.optionalBoolean(body, "explain", false), Map.copyOf(extendedTypes), SpatialFilter.read(body), now);
        return token == null ? request : request.at(request.startOf(token));
    }

    /** The q, search and groupBy of a statistics request. */
    public static SearchRequest readFilter(JsonNode body, Map<String, FieldType> extendedTypes, Instant now) {
        String q = JsonFields.optionalString(body, "q", QueryParser.MAX_LENGTH);
        return new SearchRequest(q, parse(q, extendedTypes, now), JsonFields.optionalString(body, "search", MAX_SEARCH), List.of(),
                List.of(), 0, 0, JsonFields.optionalBoolean(body, "explain", false), Map.copyOf(extendedTypes), SpatialFilter.read(body),
                now);
    }

    /** A job field, or an extended property field {@code table.field} of the item's one-to-one tables. */
    static SearchField field(String name, String target, Map<String, FieldType> extendedTypes) {
        return JobField.named(name).<SearchField>map(field -> field)
                .or(() -> java.util.Optional.ofNullable(extendedTypes.get(name)).map(type -> new ExtendedFields.Field(name, type)))
                .orElseThrow(() -> Refusal.invalid("Unknown field '" + name + "' in " + target + "; the fields are "
                        + JobField.names() + ", and table.field of the item's one-to-one extended property tables", target));
    }

    SearchRequest at(int newStart) {
        return new SearchRequest(q, where, search, fields, sort, newStart, num, explain, extendedTypes, spatial, now);
    }

    /** An opaque token for the page at {@code nextStart} of this same search. */
    public String tokenFor(int nextStart) {
        String raw = "1:" + nextStart + ":" + fingerprint();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private int startOf(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 3 && parts[0].equals("1") && parts[2].equals(fingerprint())) {
                return Integer.parseInt(parts[1]);
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the same answer as a token of another search
        }
        throw Refusal.invalid("nextToken does not belong to this search (same q, search and sortFields) or is malformed", "nextToken");
    }

    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String key = q + "\u0000" + search + "\u0000" + sort + "\u0000" + (spatial == null ? "" : spatial.relation() + spatial.geometry().toText());
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Expr parse(String q, Map<String, FieldType> extendedTypes, Instant now) {
        if (q == null || q.isBlank()) {
            return null;
        }
        int from = unquotedStart(q);
        int to = from == 0 ? q.length() : q.lastIndexOf('"');
        try {
            try {
                return QueryParser.parse(q.substring(from, to), ExtendedFields.catalog(extendedTypes), now);
            } catch (QueryException inside) {
                throw inside.shifted(from);
            }
        } catch (QueryException e) {
            throw new Refusal(Refusal.Kind.INVALID_ARGUMENT, e.getMessage(), "q", List.of(), Map.of("position", Integer.toString(e.position())));
        }
    }

    /**
     * Where the query starts: after the opening quote of a query wrapped whole in double quotes, as
     * the seed product's examples write it ({@code "\"assignedType='User' AND closed=0 \""}), else 0.
     * The language has no double-quoted text, so such quotes cannot be part of a query.
     */
    static int unquotedStart(String q) {
        String stripped = q.strip();
        if (stripped.length() < 2 || stripped.charAt(0) != '"' || stripped.charAt(stripped.length() - 1) != '"'
                || stripped.substring(1, stripped.length() - 1).indexOf('"') >= 0) {
            return 0;
        }
        return q.indexOf('"') + 1;
    }

    private static List<JobSearch.SortField> sort(JsonNode node, Map<String, FieldType> extendedTypes) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_SORT) {
            throw Refusal.invalid("sortFields must be an array of at most " + MAX_SORT + " {field, sortOrder} objects", "sortFields");
        }
        List<JobSearch.SortField> sort = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            String target = "sortFields[" + i + "]";
            if (!entry.isObject()) {
                throw Refusal.invalid(target + " must be an object {field, sortOrder}", target);
            }
            JsonFields.refuseUnknown(entry, target, "field", "sortOrder");
            SearchField field = field(JsonFields.requiredString(entry, "field", 100), target + ".field", extendedTypes);
            String order = JsonFields.optionalString(entry, "sortOrder", 10);
            if (order != null && !order.equals("Asc") && !order.equals("Desc")) {
                throw Refusal.invalid(target + ".sortOrder must be Asc or Desc, not '" + order + "'", target + ".sortOrder");
            }
            sort.add(new JobSearch.SortField(field, "Desc".equals(order)));
        }
        return List.copyOf(sort);
    }

    private static int integer(JsonNode body, String name, int absent, int min, int max) {
        Integer value = JsonFields.optionalInt(body, name, min, max);
        return value == null ? absent : value;
    }
}
