package dev.wfm.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.common.Refusal;
import dev.wfm.security.Identity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule as a request writes it, checked whole before anything is stored: {@code {name, on:
 * [activities], filter?, enabled?, action: {webRequest: {method?, url, headers?, body?,
 * timeoutSeconds?}} | {email: {to: {users?, groups?, expression?}, subject, body}}}}. Unknown
 * fields, unknown activities, templates that do not parse, a literal URL that is not absolute
 * http(s) are refused naming the field. A filter and a recipients expression are {@code {% %}}
 * templates; the other texts are templates or literals.
 */
final class RuleRequest {
    static final int DEFAULT_TIMEOUT_SECONDS = 5;
    /** A delivery is made while the stream waits (a second attempt a second later): a slow target must not hold it long. */
    static final int MAX_TIMEOUT_SECONDS = 10;
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** A template is text of a handful of lines; the whole rule is one DynamoDB record. */
    static final int MAX_TEMPLATE_CHARS = 32 * 1024;
    static final int MAX_RECIPIENTS = 100;
    private static final Set<String> FIELDS = Set.of("name", "on", "filter", "enabled", "action");
    /** A PUT accepts back what a GET answered: the rule's id (it must match) and the revision read (the guard). */
    private static final Set<String> REPLACE_FIELDS = Set.of("name", "on", "filter", "enabled", "action", "ruleId", "revision");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,100}");
    static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+");

    private RuleRequest() {}

    /** A new rule's document, its secret headers still clear. */
    static ObjectNode create(JsonNode body, String ruleId) {
        requireObject(body, "");
        JsonFields.refuseUnknown(body, "", FIELDS);
        return checked(body, ruleId);
    }

    /** A replacing rule's document; its revision, if given, is answered apart. */
    static ObjectNode replace(JsonNode body, String ruleId) {
        requireObject(body, "");
        JsonFields.refuseUnknown(body, "", REPLACE_FIELDS);
        String sent = JsonFields.optionalString(body, "ruleId", JsonFields.MAX_ID_LENGTH);
        if (sent != null && !sent.equals(ruleId)) {
            throw Refusal.invalid("The body names rule '" + sent + "', not '" + ruleId + "'", "ruleId");
        }
        return checked(body, ruleId);
    }

    static Long revision(JsonNode body) {
        return JsonFields.optionalLong(body, "revision", 1, Long.MAX_VALUE);
    }

    private static ObjectNode checked(JsonNode body, String ruleId) {
        ObjectNode rule = Json.object().put("ruleId", ruleId);
        rule.put("name", JsonFields.requiredString(body, "name", JsonFields.MAX_ID_LENGTH));
        rule.set("on", activities(body.get("on")));
        String filter = JsonFields.optionalString(body, "filter", MAX_TEMPLATE_CHARS);
        if (filter != null) {
            rule.put("filter", expression(filter, "filter"));
        }
        rule.put("enabled", JsonFields.optionalBoolean(body, "enabled", true));
        rule.set("action", action(body.get("action")));
        return rule;
    }

    private static ArrayNode activities(JsonNode on) {
        if (on == null || !on.isArray() || on.isEmpty()) {
            throw Refusal.invalid("Field 'on' is required: a list of one or more of " + Activity.names(), "on");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < on.size(); i++) {
            JsonNode name = on.get(i);
            if (!name.isTextual() || Activity.fromJson(name.asText()).isEmpty()) {
                throw Refusal.invalid("Expected on[" + i + "] to be one of " + Activity.names() + ", but found " + name, "on[" + i + "]");
            }
            names.add(name.asText());
        }
        ArrayNode array = Json.MAPPER.createArrayNode();
        names.forEach(array::add);
        return array;
    }

    private static ObjectNode action(JsonNode action) {
        requireObject(action, "action");
        JsonFields.refuseUnknown(action, "action", "webRequest", "email");
        if (action.size() != 1) {
            throw Refusal.invalid("Field 'action' must hold exactly one of webRequest or email", "action");
        }
        ObjectNode checked = Json.object();
        if (action.has("webRequest")) {
            checked.set("webRequest", webRequest(action.get("webRequest"), "action.webRequest"));
        } else {
            checked.set("email", email(action.get("email"), "action.email"));
        }
        return checked;
    }

    private static ObjectNode webRequest(JsonNode web, String at) {
        requireObject(web, at);
        JsonFields.refuseUnknown(web, at, "method", "url", "headers", "body", "timeoutSeconds");
        ObjectNode checked = Json.object();
        String method = text(web, at, "method", false, 10);
        method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw Refusal.invalid(at + ".method must be one of " + METHODS.stream().sorted().toList() + ", not '" + method + "'",
                    at + ".method");
        }
        checked.put("method", method);
        checked.put("url", url(text(web, at, "url", true, 2048), at + ".url"));
        JsonNode headers = web.get("headers");
        if (headers != null && !headers.isNull()) {
            checked.set("headers", headers(headers, at + ".headers"));
        }
        String body = text(web, at, "body", false, MAX_TEMPLATE_CHARS);
        if (body != null) {
            checked.put("body", template(body, at + ".body"));
        }
        JsonNode timeout = web.get("timeoutSeconds");
        checked.put("timeoutSeconds", timeout == null || timeout.isNull() ? DEFAULT_TIMEOUT_SECONDS
                : (int) JsonFields.wholeNumber(timeout, at + ".timeoutSeconds", 1, MAX_TIMEOUT_SECONDS));
        return checked;
    }

    /** A literal URL must be absolute http or https now; a template's is checked when it is rendered. */
    private static String url(String url, String target) {
        if (JsonataTemplates.isTemplate(url)) {
            return expression(url, target);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (URISyntaxException notAUrl) {
            // refused below
        }
        throw Refusal.invalid(target + " must be an absolute http or https URL (or a {% %} template giving one), but is '" + url + "'",
                target);
    }

    /** Header values are strings or {@code {"value", "secret"}}; Idempotency-Key is the delivery's own. */
    private static ObjectNode headers(JsonNode headers, String at) {
        requireObject(headers, at);
        ObjectNode checked = Json.object();
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            String name = header.getKey();
            String target = at + "." + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                throw Refusal.invalid(target + " is not a header name (letters, digits and '-', up to 100)", at);
            }
            if (name.equalsIgnoreCase("Idempotency-Key")) {
                throw Refusal.invalid("Idempotency-Key is set by each delivery (one per rule and event), not by the rule", target);
            }
            JsonNode value = header.getValue();
            if (value.isTextual()) {
                checked.put(name, template(value.asText(), target));
                continue;
            }
            if (!value.isObject() || !value.path("value").isTextual() || value.has("secret") && !value.get("secret").isBoolean()) {
                throw Refusal.invalid(target + " must be a string, or {\"value\": \"...\", \"secret\": true}", target);
            }
            JsonFields.refuseUnknown(value, target, "value", "secret");
            ObjectNode copy = value.deepCopy();
            copy.put("value", template(value.get("value").asText(), target + ".value"));
            checked.set(name, copy);
        }
        return checked;
    }

    private static ObjectNode email(JsonNode email, String at) {
        requireObject(email, at);
        JsonFields.refuseUnknown(email, at, "to", "subject", "body");
        ObjectNode checked = Json.object();
        checked.set("to", recipients(email.get("to"), at + ".to"));
        checked.put("subject", template(text(email, at, "subject", true, 1000), at + ".subject"));
        checked.put("body", template(text(email, at, "body", true, MAX_TEMPLATE_CHARS), at + ".body"));
        return checked;
    }

    private static ObjectNode recipients(JsonNode to, String at) {
        requireObject(to, at);
        JsonFields.refuseUnknown(to, at, "users", "groups", "expression");
        List<String> users = JsonFields.stringList(to.get("users"), at + ".users");
        List<String> groups = Identity.groupNames(to.get("groups"), at + ".groups");
        String expression = text(to, at, "expression", false, MAX_TEMPLATE_CHARS);
        if (users.isEmpty() && groups.isEmpty() && expression == null) {
            throw Refusal.invalid(at + " must name users, groups or an expression giving addresses", at);
        }
        if (users.size() + groups.size() > MAX_RECIPIENTS) {
            throw Refusal.invalid(at + " names " + (users.size() + groups.size()) + " users and groups; at most " + MAX_RECIPIENTS, at);
        }
        ObjectNode checked = Json.object();
        users.forEach(checked.putArray("users")::add);
        groups.forEach(checked.putArray("groups")::add);
        if (expression != null) {
            checked.put("expression", expression(expression, at + ".expression"));
        }
        return checked;
    }

    /** A {@code {% %}} template that parses. */
    private static String expression(String text, String target) {
        if (!JsonataTemplates.isTemplate(text)) {
            throw Refusal.invalid(target + " must be a JSONata template {% ... %}", target);
        }
        JsonataTemplates.checked(text, target);
        return text;
    }

    /** A literal, or a {@code {% %}} template that parses. */
    private static String template(String text, String target) {
        return JsonataTemplates.isTemplate(text) ? expression(text, target) : text;
    }

    private static String text(JsonNode parent, String at, String field, boolean required, int maxLength) {
        String target = at + "." + field;
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw Refusal.invalid("Field '" + target + "' is required", target);
            }
            return null;
        }
        if (!node.isTextual() || required && node.asText().isBlank()) {
            throw Refusal.invalid("Field '" + target + "' must be a" + (required ? " non-empty" : "") + " string", target);
        }
        if (node.asText().length() > maxLength) {
            throw Refusal.invalid("Field '" + target + "' is " + node.asText().length() + " characters long; the limit is " + maxLength,
                    target);
        }
        return node.asText();
    }

    private static void requireObject(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw Refusal.invalid((at.isEmpty() ? "The body" : "Field '" + at + "'") + " must be a JSON object", at.isEmpty() ? null : at);
        }
    }
}
