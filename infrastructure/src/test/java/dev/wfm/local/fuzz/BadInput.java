package dev.wfm.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.template.FunctionSpec.RouteSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests that spoil one part of a valid request to a route: an id that cannot exist (too long
 * for a key, emoji, control characters, a slash), a query parameter, a header, an unknown field
 * anywhere in the body, a value of the wrong kind anywhere in it (3.9, 4294967297, huge strings,
 * nested garbage, unicode), or the whole body. Drawn from a seeded {@link Random}: the same seed
 * gives the same requests.
 */
final class BadInput {
    /** One generated request, and what was spoiled, for the report. */
    record Case(String method, String path, String body, Map<String, String> headers, String spoiled) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)\\+?}");
    private static final String EMOJI = "\uD83D\uDE00";

    private final Fixture fixture;
    private final Random random;

    BadInput(Fixture fixture, Random random) {
        this.fixture = fixture;
        this.random = random;
    }

    Case next(RouteSpec route) {
        if (route.path().equals("$default")) {
            return new Case(pick("GET", "POST", "PUT", "DELETE", "PATCH"), "/" + segment(badId()) + "/x", null, Map.of(), "an unknown route");
        }
        String body = fixture.body(route.routeKey());
        Map<String, String> headers = new HashMap<>(Fixture.isWebhook(route) ? fixture.hookHeaders : Map.of());
        List<String> parameters = parameters(route.path());
        boolean takesBody = body != null;
        int kind = random.nextInt(takesBody ? 10 : 4);
        if (!parameters.isEmpty() && (kind == 0 || (!takesBody && !route.method().equals("GET")))) {
            String parameter = parameters.get(random.nextInt(parameters.size()));
            String bad = badId();
            return new Case(route.method(), path(route.path(), parameter, bad), body, headers, "path parameter " + parameter + " = " + shown(bad));
        }
        if (!takesBody) {
            String query = pick("version=3.9", "version=4294967297", "version=-1", "holds=" + EMOJI.repeat(500), "extended=1e309",
                    "name=" + "n".repeat(3000), "version=", "limit=3.9", "limit=0", "limit=4294967297", "status=failed",
                    "nextToken=" + "t".repeat(300), "since=yesterday", "until=2026-13-01T00:00:00Z", "level=DEBUG",
                    "requestId=\" || $.level = \"INFO");
            return new Case(route.method(), path(route.path(), null, null) + "?" + encodedQuery(query), null, headers, "query " + shown(query));
        }
        String path = path(route.path(), null, null);
        if (kind == 1 && (route.routeKey().equals("POST /items/{itemId}/jobs") || route.path().startsWith("/hooks/"))) {
            headers.put("Idempotency-Key", pick("k".repeat(1100), "k".repeat(256), " ", "a\tb"));
            return new Case(route.method(), path, body, headers, "Idempotency-Key " + shown(headers.get("Idempotency-Key")));
        }
        if (kind <= 2) {
            String whole = badBody();
            return new Case(route.method(), path, whole, headers, "the whole body = " + shown(whole));
        }
        JsonNode tree = read(body);
        List<Slot> slots = new ArrayList<>();
        collect(null, null, -1, tree, "", slots);
        if (kind <= 5) {
            List<Slot> objects = slots.stream().filter(slot -> slot.node().isObject()).toList();
            Slot at = objects.get(random.nextInt(objects.size()));
            String name = pick("sharedWith", "distance", "x", "revisions", EMOJI, "__proto__", "Name", "jobID");
            ((ObjectNode) at.node()).set(name, badValue());
            return new Case(route.method(), path, tree.toString(), headers, "unknown field '" + name + "' at " + at.place());
        }
        Slot at = slots.get(1 + random.nextInt(slots.size() - 1));
        JsonNode bad = badValue();
        if (at.parent() instanceof ObjectNode object) {
            object.set(at.field(), bad);
        } else {
            ((ArrayNode) at.parent()).set(at.index(), bad);
        }
        return new Case(route.method(), path, tree.toString(), headers, at.place() + " = " + shown(bad.toString()));
    }

    /** A node of a body and where it sits: in {@code parent} under {@code field}, or at {@code index}. */
    private record Slot(JsonNode parent, String field, int index, JsonNode node, String place) {}

    /** An id no record can have, or that breaks a naive key: too long, emoji, control characters, separators. */
    private String badId() {
        return pick("i".repeat(2100), "j".repeat(1100), EMOJI.repeat(1100), "x\u0000y", "a#b#c", "..", "a/b", " ", "\u202e\uFEFFrtl",
                "' OR '1'='1", "%00", "x".repeat(201));
    }

    /** A value of the wrong kind, size or content for whatever field it lands in. */
    private JsonNode badValue() {
        return switch (random.nextInt(16)) {
            case 0 -> JSON.numberNode(3.9);
            case 1 -> JSON.numberNode(4294967297L);
            case 2 -> JSON.numberNode(-1);
            case 3 -> JSON.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 4 -> JSON.textNode("x".repeat(450_000));
            case 5 -> JSON.textNode("i".repeat(2100));
            case 6 -> JSON.textNode(EMOJI.repeat(1000));
            case 7 -> JSON.textNode("\u0000\u202e\uFEFF\u0301e\uD800");
            case 8 -> JSON.booleanNode(random.nextBoolean());
            case 9 -> JSON.arrayNode().add(JSON.objectNode().put("a", 1)).add(JSON.nullNode()).add(JSON.arrayNode());
            case 10 -> nested(random.nextInt(200) + 2);
            case 11 -> JSON.nullNode();
            case 12 -> JSON.objectNode();
            case 13 -> JSON.textNode("");
            case 14 -> JSON.numberNode(1e308 * 10);
            default -> JSON.textNode("{% $eval('1') %}");
        };
    }

    private String badBody() {
        return switch (random.nextInt(9)) {
            case 0 -> "[]";
            case 1 -> "\"text\"";
            case 2 -> "42";
            case 3 -> "null";
            case 4 -> "{\"a\": ";
            case 5 -> "";
            case 6 -> "[".repeat(3000) + "]".repeat(3000);
            case 7 -> "{\"" + "k".repeat(2100) + "\": {\"a\": " + nested(50) + "}}";
            default -> "{\"a\": \"" + "x".repeat(900_000) + "\"}";
        };
    }

    private static JsonNode nested(int depth) {
        JsonNode node = JSON.textNode("deep");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? JSON.objectNode().set("a", node) : JSON.arrayNode().add(node);
        }
        return node;
    }

    /** Every node of the tree in document order, with its place ("" the root, then .field and [i]). */
    private static void collect(JsonNode parent, String field, int index, JsonNode node, String place, List<Slot> slots) {
        slots.add(new Slot(parent, field, index, node, place));
        if (node.isObject()) {
            node.fields().forEachRemaining(member -> collect(node, member.getKey(), -1, member.getValue(), place + "." + member.getKey(), slots));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node, null, i, node.get(i), place + "[" + i + "]", slots);
            }
        }
    }

    private static List<String> parameters(String path) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The route's path with the fixture's ids, and {@code bad} in place of {@code parameter}. */
    private String path(String template, String parameter, String bad) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = name.equals(parameter) ? bad : fixture.ids.get(name);
            matcher.appendReplacement(path, Matcher.quoteReplacement(segment(value)));
        }
        return matcher.appendTail(path).toString();
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodedQuery(String query) {
        int equals = query.indexOf('=');
        return query.substring(0, equals + 1) + URLEncoder.encode(query.substring(equals + 1), StandardCharsets.UTF_8);
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("a fixture body is not JSON: " + json, e);
        }
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String shown(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 50) + "… (" + text.length() + " chars)";
    }
}
