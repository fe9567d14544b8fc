package dev.wfm.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Form apps send live credentials with a submission: Survey123 puts the submitter's ArcGIS token
 * in {@code portalInfo.token} and the feature service's in {@code serverInfo.token}, and other
 * senders name theirs {@code access_token}, {@code apiKey}, {@code password} and the like. They
 * are removed from the payload before anything reads it (mapping, delivery log, job, execution,
 * answer), so none of those can hold one. Removed: every field named like a credential (its name,
 * lower-cased without separators, contains one of {@link #CREDENTIAL}'s words) at the payload's
 * top level and at any depth of its info blocks (the top-level objects named {@code *Info}, as
 * portalInfo, serverInfo, userInfo). The form's own answers (Survey123's {@code feature}) are data
 * and stay as they are, whatever a question is named.
 */
final class FormCredentials {
    private static final Pattern CREDENTIAL = Pattern.compile(
            "token|password|passwd|passphrase|secret|apikey|credential|authorization|accesskey|privatekey|cookie|session|^pwd$|^auth$");

    private FormCredentials() {}

    /** The payload without its credentials (changed in place, and returned). */
    static ObjectNode stripped(ObjectNode payload) {
        for (String name : names(payload)) {
            if (isCredential(name)) {
                payload.remove(name);
            } else if (name.toLowerCase(Locale.ROOT).endsWith("info")) {
                stripAll(payload.get(name));
            }
        }
        return payload;
    }

    private static void stripAll(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : names(object)) {
                if (isCredential(name)) {
                    object.remove(name);
                } else {
                    stripAll(object.get(name));
                }
            }
        } else if (node.isArray()) {
            node.forEach(FormCredentials::stripAll);
        }
    }

    private static List<String> names(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean isCredential(String name) {
        return CREDENTIAL.matcher(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")).find();
    }
}
