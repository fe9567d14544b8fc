package dev.wfm.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.outbound.OutboundHttp;
import dev.wfm.outbound.SecretHeaders;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes one attempt at a rule's action for one event: renders it ({@link Rendering}) and sends it,
 * a web request through {@link OutboundHttp} (the outbound address policy applies; redirects are
 * not followed), an email through {@link EmailSender}. A 2xx answer delivers; no answer, 429 and
 * 5xx may pass; any other answer, a refused address and a template that fails do not.
 */
final class Dispatcher {
    private final OutboundHttp http;
    private final SecretHeaders secretHeaders;
    private final EmailDirectory directory;
    private final EmailSender email;

    Dispatcher(OutboundHttp http, SecretHeaders secretHeaders, EmailDirectory directory, EmailSender email) {
        this.http = http;
        this.secretHeaders = secretHeaders;
        this.directory = directory;
        this.email = email;
    }

    Attempt attempt(String itemId, NotificationRule rule, Rendering.Variables variables, String idempotencyKey) {
        if (rule.action() instanceof NotificationRule.WebRequest web) {
            return webRequest(itemId, rule, web, variables, idempotencyKey);
        }
        NotificationRule.Email mail = (NotificationRule.Email) rule.action();
        try {
            return email.send(Rendering.email(rule, mail, variables, directory.people(itemId)));
        } catch (Rendering.Failure e) {
            return new Attempt.Failed("email", e.getMessage(), false);
        }
    }

    private Attempt webRequest(String itemId, NotificationRule rule, NotificationRule.WebRequest web, Rendering.Variables variables,
                               String idempotencyKey) {
        OutboundHttp.Call call;
        try {
            call = Rendering.webCall(rule, web, opened(itemId, rule, web.headers()), variables, idempotencyKey);
        } catch (Rendering.Failure e) {
            return new Attempt.Failed(web.method() + " request", e.getMessage(), false);
        }
        OutboundHttp.Outcome outcome = http.send(call);
        if (outcome instanceof OutboundHttp.Failed failed) {
            return new Attempt.Failed(call.described(), failed.message(), failed.failure().transientFailure());
        }
        OutboundHttp.Answered answered = (OutboundHttp.Answered) outcome;
        int status = answered.status();
        if (status / 100 == 2) {
            return new Attempt.Delivered(call.described());
        }
        return new Attempt.Failed(call.described(), answered.describedFor(call), status >= 500 || status == 429);
    }

    /** The header templates with every secret value decrypted, to be sent. */
    private Map<String, String> opened(String itemId, NotificationRule rule, JsonNode stored) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!stored.isObject()) {
            return headers;
        }
        JsonNode opened;
        try {
            opened = secretHeaders.opened(itemId, stored);
        } catch (IllegalStateException e) {
            throw new Rendering.Failure("A secret header of rule '" + rule.name() + "' cannot be decrypted with the deployment's current "
                    + "key (was WebhookSecretKey changed?); save the rule again with the header's value");
        }
        opened.properties().forEach(header -> headers.put(header.getKey(), SecretHeaders.value(header.getValue())));
        return headers;
    }
}
