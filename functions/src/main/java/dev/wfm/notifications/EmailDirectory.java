package dev.wfm.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.security.Identity;
import dev.wfm.store.DocumentStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who gets an item's emails: {@code {people: [{user, email, groups?}]}}, kept by the item's admins.
 * Users are tokens' subjects and groups live in the identity provider, neither of which tells an
 * email address, so the item keeps its own list: a rule's {@code users} are looked up here (or
 * given as addresses), its {@code groups} are the people listed with that group. One document
 * ({@code EMAIL_DIRECTORY#people}), replaced whole under its revision.
 */
public final class EmailDirectory {
    static final String KIND = "EMAIL_DIRECTORY";
    private static final String ID = "people";
    /** One document (400 KB) holds them: a person is well under 200 bytes. */
    static final int MAX_PEOPLE = 1000;
    private static final Set<String> FIELDS = Set.of("people", "revision");

    public record Person(String user, String email, List<String> groups) {
        public Person {
            groups = List.copyOf(groups);
        }
    }

    /** The directory as read once for a delivery: addresses by user and by group. */
    public record People(List<Person> people) {
        public People {
            people = List.copyOf(people);
        }

        /** The addresses of these users (or addresses themselves) and of these groups' members, each once, in order. */
        public List<String> addresses(Collection<String> usersOrAddresses, Collection<String> groups) {
            Map<String, String> byUser = people.stream().collect(Collectors.toMap(Person::user, Person::email, (a, b) -> a));
            Set<String> addresses = new LinkedHashSet<>();
            for (String entry : usersOrAddresses) {
                if (RuleRequest.ADDRESS.matcher(entry).matches()) {
                    addresses.add(entry);
                } else if (byUser.containsKey(entry)) {
                    addresses.add(byUser.get(entry));
                }
            }
            for (Person person : people) {
                if (person.groups().stream().anyMatch(groups::contains)) {
                    addresses.add(person.email());
                }
            }
            return List.copyOf(addresses);
        }
    }

    private final DocumentStore documents;

    public EmailDirectory(DocumentStore documents) {
        this.documents = documents;
    }

    public People people(String itemId) {
        return new People(documents.get(itemId, KIND, ID).map(document -> read(document.body())).orElse(List.of()));
    }

    /** {@code {people, revision}}; revision 0 while there is none. */
    public ObjectNode get(String itemId) {
        Optional<DocumentStore.Document> stored = documents.get(itemId, KIND, ID);
        ObjectNode view = stored.map(document -> document.body().deepCopy()).orElseGet(() -> {
            ObjectNode empty = Json.object();
            empty.putArray("people");
            return empty;
        });
        return view.put("revision", stored.map(DocumentStore.Document::revision).orElse(0L));
    }

    /** Replaces the list; {@code revision} (the one read, 0 for none) guards against a lost update, absent means the current one. */
    public ObjectNode replace(String itemId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Refusal.invalid("The body must be a JSON object {people: [...]}", null);
        }
        JsonFields.refuseUnknown(body, "", FIELDS);
        ObjectNode document = Json.object();
        document.set("people", checked(body.get("people")));
        Long sent = JsonFields.optionalLong(body, "revision", 0, Long.MAX_VALUE);
        long current = documents.revision(itemId, KIND, ID);
        long expected = sent == null ? current : sent;
        boolean written = expected == 0 ? documents.create(itemId, KIND, ID, document)
                : documents.replace(itemId, KIND, ID, expected, document);
        if (!written) {
            throw Refusal.conflict("The email directory changed since revision " + expected + "; read it again and reapply your change",
                    "revision");
        }
        return get(itemId);
    }

    private static ArrayNode checked(JsonNode people) {
        if (people == null || !people.isArray()) {
            throw Refusal.invalid("Field 'people' is required: a list of {user, email, groups?}", "people");
        }
        if (people.size() > MAX_PEOPLE) {
            throw Refusal.invalid("The directory lists " + people.size() + " people; it holds at most " + MAX_PEOPLE, "people");
        }
        ArrayNode checked = Json.MAPPER.createArrayNode();
        Set<String> users = new HashSet<>();
        for (int i = 0; i < people.size(); i++) {
            String at = "people[" + i + "]";
            JsonNode person = people.get(i);
            if (!person.isObject()) {
                throw Refusal.invalid(at + " must be an object {user, email, groups?}", at);
            }
            JsonFields.refuseUnknown(person, at, "user", "email", "groups");
            String user = member(person, "user", at);
            String email = member(person, "email", at);
            if (!RuleRequest.ADDRESS.matcher(email).matches()) {
                throw Refusal.invalid(at + ".email is not an email address: '" + email + "'", at + ".email");
            }
            if (!users.add(user)) {
                throw Refusal.invalid("User '" + user + "' is listed twice; list each person once", at + ".user");
            }
            ObjectNode entry = checked.addObject().put("user", user).put("email", email);
            Identity.groupNames(person.get("groups"), at + ".groups").forEach(entry.putArray("groups")::add);
        }
        return checked;
    }

    private static String member(JsonNode person, String field, String at) {
        JsonNode value = person.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > JsonFields.MAX_ID_LENGTH) {
            throw Refusal.invalid(at + "." + field + " is required: a non-empty string of at most " + JsonFields.MAX_ID_LENGTH
                    + " characters", at + "." + field);
        }
        return value.asText();
    }

    private static List<Person> read(JsonNode document) {
        List<Person> people = new ArrayList<>();
        document.path("people").forEach(person -> {
            List<String> groups = new ArrayList<>();
            person.path("groups").forEach(group -> groups.add(group.asText()));
            people.add(new Person(person.path("user").asText(), person.path("email").asText(), groups));
        });
        return people;
    }
}
