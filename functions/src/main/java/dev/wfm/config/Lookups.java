package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.store.DocumentStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The item's lookup tables: {@code priorities} and {@code jobStatuses}. Each has sensible
 * defaults until an admin replaces it; values are what jobs store, labels what people read.
 * Each lookup names its {@code defaultValue}, the one a job takes when neither its template nor
 * its request names one, and the statuses name their {@code closedValue}, the one closing a job
 * sets. Replacing a lookup never breaks job creation: it may not remove a value that a job
 * template, a schedule, a webhook or an open job uses ({@link LookupUsers}), and its default
 * is always one of its values. A template write holds only while the lookup is still at the
 * revision it checked its values against, and counts on the lookup's use counter; a replace
 * holds only while that counter is where it was before it looked for users ({@link #pin}), so
 * a template and a replace made at the same time cannot both win, while templates saved at
 * the same time never fail each other.
 */
public final class Lookups {
    static final String KIND = "LOOKUP";
    /** A counter record per lookup, {@code LOOKUP_USE#{name}}: counts the template writes that named its values. */
    private static final String USE_KIND = "LOOKUP_USE";
    /** Attempts at a replace while templates naming the lookup's values are being saved. */
    private static final int ATTEMPTS = 5;
    public static final String PRIORITIES = "priorities";
    public static final String JOB_STATUSES = "jobStatuses";
    private static final int MAX_VALUES = 100;
    /** A replace's members; {@code name} and {@code revision} as a GET answers them, so a lookup read, changed and written back is accepted. */
    private static final Set<String> FIELDS = Set.of("name", "values", "defaultValue", "closedValue", "revision");

    private static final Map<String, List<String>> DEFAULTS = Map.of(
            PRIORITIES, List.of("Low", "Medium", "High", "Critical"),
            JOB_STATUSES, List.of("New", "In progress", "On hold", "Completed", "Cancelled", "Closed"));
    private static final Map<String, String> DEFAULT_VALUES = Map.of(PRIORITIES, "Medium", JOB_STATUSES, "New");
    private static final String CLOSED_VALUE = "Closed";
    private static final Map<String, String> JOB_FIELDS = Map.of(PRIORITIES, "priority", JOB_STATUSES, "jobStatus");

    private final DocumentStore documents;
    private final LookupUsers users;

    /** {@code users} say who besides job templates holds a lookup's values, which then cannot be removed. */
    public Lookups(DocumentStore documents, LookupUsers users) {
        this.documents = documents;
        this.users = users;
    }

    /** The job field a lookup's values go in: {@code priority} or {@code jobStatus}. */
    public static String jobField(String name) {
        return JOB_FIELDS.get(name);
    }

    /** The lookup as stored, or its defaults; the answer carries the revision to update it with. */
    public ObjectNode get(String itemId, String name) {
        Lookup lookup = lookup(itemId, name);
        return lookup.document().put("revision", lookup.revision());
    }

    public Lookup lookup(String itemId, String name) {
        requireKnown(name);
        return documents.get(itemId, KIND, name)
                .map(document -> read(name, document.revision(), document.body()))
                .orElseGet(() -> defaults(name));
    }

    /** The values of a lookup, for checking a job's or template's field against it. */
    public Set<String> values(String itemId, String name) {
        return new HashSet<>(lookup(itemId, name).valueList());
    }

    /**
     * Replaces the lookup's values; {@code revision} (0 for the defaults) guards against lost
     * updates. Values that something still uses stay (409 naming the users); {@code defaultValue}
     * and {@code closedValue}, when not given, stay as they were while still listed.
     */
    public ObjectNode replace(String itemId, String name, JsonNode body) {
        Request request = request(name, body);
        for (int attempt = 1; ; attempt++) {
            Lookup current = lookup(itemId, name);
            long expected = request.revision() == null ? current.revision() : request.revision();
            // counted before looking for users: a template saved after this count fails the write below
            long counted = documents.revision(itemId, USE_KIND, name);
            Lookup next = checked(itemId, request, current, expected);
            DocumentStore.Write write = expected == 0 && current.revision() == 0
                    ? new DocumentStore.Create(KIND, name, next.document())
                    : new DocumentStore.Replace(KIND, name, expected, next.document());
            if (documents.writeAll(itemId, List.of(write, new DocumentStore.Unchanged(USE_KIND, name, counted)))) {
                return get(itemId, name);
            }
            if (lookup(itemId, name).revision() != expected) {
                throw Refusal.conflict("Lookup '" + name + "' changed since revision " + expected
                        + "; read it again and reapply your change", "revision");
            }
            if (attempt == ATTEMPTS) {
                throw Refusal.conflict("Job templates naming values of lookup '" + name + "' are being saved; try again", "values");
            }
        }
    }

    /**
     * The lookup a replace with {@code body} would store, checked as the replace checks it against
     * the lookup as it is now (values still in use included); writes nothing. An import checks
     * its lookups so before it writes.
     */
    Lookup check(String itemId, String name, JsonNode body) {
        Request request = request(name, body);
        Lookup current = lookup(itemId, name);
        return checked(itemId, request, current, current.revision());
    }

    /** A replace's body, read: its values and the revision it was read at (null: the current one). */
    private record Request(String name, JsonNode body, List<Lookup.Value> values, Long revision) {}

    private static Request request(String name, JsonNode body) {
        requireKnown(name);
        JsonFields.refuseUnknown(body, "", FIELDS);
        String sentName = JsonFields.optionalString(body, "name", JsonFields.MAX_ID_LENGTH);
        if (sentName != null && !sentName.equals(name)) {
            throw Refusal.invalid("The body names lookup '" + sentName + "', not '" + name + "'", "name");
        }
        List<Lookup.Value> values = parseValues(body.get("values"));
        return new Request(name, body, values, JsonFields.optionalLong(body, "revision", 0, Long.MAX_VALUE));
    }

    /** The lookup {@code request} makes of {@code current}; refused when it leaves out a value something uses. */
    private Lookup checked(String itemId, Request request, Lookup current, long expected) {
        String name = request.name();
        Set<String> listed = request.values().stream().map(Lookup.Value::value).collect(Collectors.toSet());
        String closedValue = closedValue(name, request.body(), current, listed);
        Lookup next = new Lookup(name, expected + 1, request.values(), defaultValue(request.body(), current, request.values(), closedValue),
                closedValue);
        Set<String> removed = new LinkedHashSet<>(current.valueList());
        removed.removeAll(listed);
        List<LookupUsers.Use> uses = new ArrayList<>();
        if (!removed.isEmpty()) {
            uses.addAll(JobTemplates.usingLookup(documents, itemId, name, removed));
            uses.addAll(users.using(itemId, name, removed));
        }
        if (!uses.isEmpty()) {
            throw inUse(name, uses);
        }
        return next;
    }

    /**
     * The writes that go with storing a value checked against the lookup as read: the
     * transaction holds only while the lookup is still at that revision, and it counts on the
     * lookup's use counter, which fails a replace that looked for users before it.
     */
    static List<DocumentStore.Write> pin(Lookup read) {
        return List.of(new DocumentStore.Unchanged(KIND, read.name(), read.revision()), new DocumentStore.Count(USE_KIND, read.name()));
    }

    private static Lookup defaults(String name) {
        List<String> names = DEFAULTS.get(name);
        List<Lookup.Value> values = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            values.add(new Lookup.Value(names.get(i), names.get(i), i + 1));
        }
        return new Lookup(name, 0, values, DEFAULT_VALUES.get(name), name.equals(JOB_STATUSES) ? CLOSED_VALUE : null);
    }

    /** A stored lookup; one stored before lookups named their default and closed values gets the usual ones. */
    private static Lookup read(String name, long revision, JsonNode document) {
        List<Lookup.Value> values = new ArrayList<>();
        document.path("values").forEach(entry -> values.add(new Lookup.Value(entry.path("value").asText(),
                entry.path("label").asText(entry.path("value").asText()), entry.path("order").asInt(values.size() + 1))));
        Set<String> listed = values.stream().map(Lookup.Value::value).collect(Collectors.toSet());
        String closedValue = document.path("closedValue").asText(null);
        if (closedValue == null && name.equals(JOB_STATUSES) && listed.contains(CLOSED_VALUE)) {
            closedValue = CLOSED_VALUE;
        }
        String defaultValue = document.path("defaultValue").asText(null);
        if (defaultValue == null) {
            String usual = DEFAULT_VALUES.get(name);
            String closed = closedValue;
            defaultValue = listed.contains(usual) ? usual
                    : values.stream().map(Lookup.Value::value).filter(value -> !value.equals(closed)).findFirst().orElse(values.get(0).value());
        }
        return new Lookup(name, revision, values, defaultValue, closedValue);
    }

    private static String closedValue(String name, JsonNode body, Lookup current, Set<String> listed) {
        JsonNode given = body.get("closedValue");
        if (!name.equals(JOB_STATUSES)) {
            if (given != null) {
                throw Refusal.invalid("Only the jobStatuses lookup has a closedValue", "closedValue");
            }
            return null;
        }
        if (given != null) {
            if (!given.isTextual() || !listed.contains(given.asText())) {
                throw Refusal.invalid("Expected closedValue to be one of the values, but got " + given, "closedValue");
            }
            return given.asText();
        }
        if (current.closedValue() != null && listed.contains(current.closedValue())) {
            return current.closedValue();
        }
        if (listed.contains(CLOSED_VALUE)) {
            return CLOSED_VALUE;
        }
        throw Refusal.invalid("The values leave out " + (current.closedValue() == null ? "a closed status"
                : "'" + current.closedValue() + "', the status closing a job sets") + "; name the closedValue among them", "closedValue");
    }

    private static String defaultValue(JsonNode body, Lookup current, List<Lookup.Value> values, String closedValue) {
        JsonNode given = body.get("defaultValue");
        List<String> open = values.stream().map(Lookup.Value::value).filter(value -> !value.equals(closedValue)).toList();
        if (given != null) {
            if (!given.isTextual() || !open.contains(given.asText())) {
                throw Refusal.invalid("Expected defaultValue to be one of the values " + open
                        + (closedValue == null ? "" : " (not the closed status)") + ", but got " + given, "defaultValue");
            }
            return given.asText();
        }
        if (open.isEmpty()) {
            throw Refusal.invalid("The job statuses need a value besides the closed status '" + closedValue + "'", "values");
        }
        return open.contains(current.defaultValue()) ? current.defaultValue() : open.get(0);
    }

    private static Refusal inUse(String name, List<LookupUsers.Use> uses) {
        Set<String> values = uses.stream().map(LookupUsers.Use::value).collect(Collectors.toCollection(LinkedHashSet::new));
        String users = uses.stream().limit(3).map(LookupUsers.Use::what).collect(Collectors.joining(", "))
                + (uses.size() > 3 ? " and " + (uses.size() - 3) + " more" : "");
        List<Refusal.Detail> details = uses.stream()
                .map(use -> new Refusal.Detail("VALUE_IN_USE", use.what() + " uses " + jobField(name) + " '" + use.value() + "'", use.id()))
                .toList();
        return new Refusal(Refusal.Kind.CONFLICT, "Expected the values removed from lookup '" + name + "' to be unused, but "
                + values.stream().map(value -> "'" + value + "'").collect(Collectors.joining(", ")) + (values.size() == 1 ? " is" : " are")
                + " used by " + users + ". Change those first, or keep the values.", "values", details, Map.of());
    }

    private static void requireKnown(String name) {
        if (!DEFAULTS.containsKey(name)) {
            throw Refusal.notFound("No lookup '" + name + "'; the lookups are " + PRIORITIES + " and " + JOB_STATUSES, "lookupName");
        }
    }

    private static List<Lookup.Value> parseValues(JsonNode values) {
        if (values == null || !values.isArray() || values.isEmpty()) {
            throw Refusal.invalid("Field 'values' must be a non-empty array of {value, label?}", "values");
        }
        if (values.size() > MAX_VALUES) {
            throw Refusal.invalid("A lookup holds at most " + MAX_VALUES + " values; got " + values.size(), "values");
        }
        List<Refusal.Detail> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Lookup.Value> parsed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            JsonNode entry = values.get(i);
            String target = "values[" + i + "]";
            if (entry.isObject()) {
                JsonFields.refuseUnknown(entry, target, "value", "label", "order"); // order as a GET answers it; the position decides
            }
            String value = entry.isTextual() ? entry.asText() : entry.path("value").asText("");
            if (value.isBlank() || value.length() > 100) {
                problems.add(new Refusal.Detail("INVALID_FIELD", "Expected a value of 1 to 100 characters", target));
                continue;
            }
            if (!seen.add(value)) {
                problems.add(new Refusal.Detail("DUPLICATE_VALUE", "Value '" + value + "' appears twice", target));
            }
            JsonNode label = entry.path("label");
            if (!label.isMissingNode() && !label.isNull() && !label.isTextual()) {
                problems.add(new Refusal.Detail("INVALID_FIELD", "Expected label to be a string", target + ".label"));
            }
            parsed.add(new Lookup.Value(value, label.isTextual() ? label.asText() : value, i + 1));
        }
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID_ARGUMENT, "The lookup values are not valid", "values", problems, Map.of());
        }
        return parsed;
    }
}
