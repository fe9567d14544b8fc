package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.ErrorCode;
import dev.wfm.items.ItemService;
import dev.wfm.jobs.actions.ActionRequest;
import dev.wfm.jobs.actions.StepActions;
import dev.wfm.jobs.actions.StepResponse;
import dev.wfm.security.Identity;
import dev.wfm.security.Role;
import dev.wfm.security.TokenVerifier;
import dev.wfm.sockets.Connection;
import dev.wfm.sockets.ConnectionPoster;
import dev.wfm.sockets.SocketMessage;
import dev.wfm.sockets.Subscriptions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The WebSocket API's routes. {@code $connect} takes the same JWTs as the HTTP API, as the
 * {@code token} query parameter or, for browsers, which cannot set headers, as the subprotocols
 * {@code wfm.bearer, <token>} (answered by selecting {@code wfm.bearer}), and the workflow item
 * the connection follows ({@code itemId}), which the caller must hold a role in; anything else
 * refuses the upgrade. Messages are JSON objects routed on their {@code action}: {@code subscribe}
 * and {@code unsubscribe} ({@code {jobIds: [...]}} or {@code {queue: "mine"}}), and
 * {@code stepInfoResponse} ({@code {jobId, stepId, questionResponse, comment?}}), which finishes the
 * question step through the same command and guards as the HTTP Finish. Each message is answered on
 * the connection: {@code Subscribed}, {@code Unsubscribed}, {@code StepInfoResponseAccepted}, or
 * {@code Error} with the refusal in the error model.
 */
public final class SocketRoutes {
    /** The subprotocol that says the next one is the bearer token. */
    public static final String BEARER_PROTOCOL = "wfm.bearer";
    private static final String MINE = "mine";

    private final ItemService items;
    private final Subscriptions subscriptions;
    private final StepActions actions;
    private final Supplier<TokenVerifier> tokens;
    private final ConnectionPoster poster;

    public SocketRoutes(ItemService items, Subscriptions subscriptions, StepActions actions, Supplier<TokenVerifier> tokens,
                        ConnectionPoster poster) {
        this.items = items;
        this.subscriptions = subscriptions;
        this.actions = actions;
        this.tokens = tokens;
        this.poster = poster;
    }

    public APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event) {
        var context = event.getRequestContext();
        String connectionId = context.getConnectionId();
        return switch (context.getRouteKey()) {
            case "$connect" -> connect(connectionId, event);
            case "$disconnect" -> {
                subscriptions.disconnect(connectionId);
                yield status(200, null);
            }
            default -> {
                answer(connectionId, context.getRouteKey(), event.getBody());
                yield status(200, null);
            }
        };
    }

    private APIGatewayV2WebSocketResponse connect(String connectionId, APIGatewayV2WebSocketEvent event) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        List<String> protocols = protocols(event.getHeaders());
        boolean bearerProtocol = protocols.size() == 2 && protocols.get(0).equals(BEARER_PROTOCOL);
        String token = query.get("token") != null ? query.get("token") : bearerProtocol ? protocols.get(1) : null;
        Optional<Identity> identity = token == null ? Optional.empty() : tokens.get().verify(token);
        if (identity.isEmpty()) {
            return refused(new Refusal(Refusal.Kind.UNAUTHENTICATED, "A valid token is required: ?token=<JWT>, or the subprotocols "
                    + BEARER_PROTOCOL + ", <JWT>", "token", List.of(), Map.of()));
        }
        String itemId = query.get("itemId");
        try {
            if (itemId == null || itemId.isBlank() || itemId.length() > JsonFields.MAX_ID_LENGTH) {
                throw Refusal.invalid("Name the workflow item to follow: ?itemId=<itemId>", "itemId");
            }
            items.get(identity.get(), itemId);
        } catch (Refusal refused) {
            return refused(refused);
        }
        subscriptions.connect(connectionId, itemId, identity.get());
        APIGatewayV2WebSocketResponse accepted = status(200, null);
        if (bearerProtocol) {
            accepted.setHeaders(Map.of("Sec-WebSocket-Protocol", BEARER_PROTOCOL));
        }
        return accepted;
    }

    /** Runs a message's action and tells the connection how it went. */
    private void answer(String connectionId, String routeKey, String body) {
        SocketMessage answer;
        try {
            Connection connection = subscriptions.find(connectionId).orElseThrow(() -> new Refusal(Refusal.Kind.UNAUTHENTICATED,
                    "This connection is not open (it expired or was closed); connect again", null, List.of(), Map.of()));
            JsonNode message = read(body);
            answer = switch (routeKey) {
                case "subscribe" -> subscribe(connection, message, true);
                case "unsubscribe" -> subscribe(connection, message, false);
                case "stepInfoResponse" -> stepInfoResponse(connection, message);
                default -> throw Refusal.invalid("Unknown action '" + message.path("action").asText("") + "': expected subscribe, "
                        + "unsubscribe or stepInfoResponse", "action");
            };
        } catch (Refusal refused) {
            ObjectNode error = (ObjectNode) ApiResponse.error(refused).body();
            answer = new SocketMessage("Error", null, error.put("action", routeKey));
        }
        poster.post(connectionId, answer.json());
    }

    private SocketMessage subscribe(Connection connection, JsonNode message, boolean subscribe) {
        JsonFields.refuseUnknown(message, "", "action", "jobIds", "queue");
        String queue = JsonFields.optionalString(message, "queue", 20);
        boolean byJobs = message.has("jobIds");
        if (byJobs == (queue != null)) {
            throw Refusal.invalid("Give jobIds (a list of job ids) or queue \"" + MINE + "\", one of them", "jobIds");
        }
        ObjectNode answer = Json.object().put("itemId", connection.itemId());
        if (queue != null) {
            if (!queue.equals(MINE)) {
                throw Refusal.invalid("The only queue is \"" + MINE + "\": the steps that become current for you or your groups", "queue");
            }
            if (subscribe) {
                subscriptions.subscribeToMyWork(connection);
            } else {
                subscriptions.unsubscribeFromMyWork(connection);
            }
            answer.put("queue", MINE);
        } else {
            List<String> jobIds = JsonFields.stringList(message.get("jobIds"), "jobIds");
            if (subscribe) {
                items.get(connection.identity(), connection.itemId());
                subscriptions.subscribeToJobs(connection, jobIds);
            } else {
                subscriptions.unsubscribeFromJobs(connection, jobIds);
            }
            jobIds.forEach(answer.putArray("jobIds")::add);
        }
        return new SocketMessage(subscribe ? "Subscribed" : "Unsubscribed", null, answer);
    }

    /** A question's answer: the HTTP action's Finish of that step, by the connection's user. */
    private SocketMessage stepInfoResponse(Connection connection, JsonNode message) {
        JsonFields.refuseUnknown(message, "", "action", "jobId", "stepId", "questionResponse", "comment");
        String jobId = JsonFields.requiredString(message, "jobId", JsonFields.MAX_ID_LENGTH);
        String stepId = JsonFields.requiredString(message, "stepId", 64);
        JsonNode response = message.get("questionResponse");
        if (response == null || !response.isTextual()) {
            throw Refusal.invalid("questionResponse must be the value of one of the question's answers", "questionResponse");
        }
        ObjectNode finish = Json.object().put("type", "Finish").put("returnCode", response.asText());
        finish.putArray("stepIds").add(stepId);
        if (message.hasNonNull("comment")) {
            finish.set("comment", message.get("comment"));
        }
        var actor = items.require(connection.identity(), connection.itemId(), Role.ANY).actor(connection.identity());
        List<StepResponse> responses = actions.act(connection.itemId(), jobId, actor, ActionRequest.parse(finish));
        if (responses.stream().noneMatch(StepResponse::success)) {
            throw StepResponse.refusal(responses, jobId);
        }
        ObjectNode answer = Json.object().put("itemId", connection.itemId()).put("jobId", jobId);
        answer.putArray("stepIds").add(stepId);
        answer.put("status", responses.get(0).status());
        return new SocketMessage("StepInfoResponseAccepted", null, answer);
    }

    private static JsonNode read(String body) {
        try {
            JsonNode node = body == null ? null : Json.read(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException notJson) {
            // answered below
        }
        throw Refusal.invalid("A message is a JSON object naming its action: subscribe, unsubscribe or stepInfoResponse", "action");
    }

    private static List<String> protocols(Map<String, String> headers) {
        Map<String, String> lowered = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> lowered.put(name.toLowerCase(Locale.ROOT), value));
        }
        String offered = lowered.get("sec-websocket-protocol");
        return offered == null ? List.of() : Arrays.stream(offered.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /** A refused upgrade: the status of the refusal's kind, the error model as the body (no secrets: never the token). */
    private static APIGatewayV2WebSocketResponse refused(Refusal refusal) {
        return status(ErrorCode.of(refusal.kind()).status(), Json.write(ApiResponse.error(refusal).body()));
    }

    private static APIGatewayV2WebSocketResponse status(int status, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        if (body != null) {
            response.setBody(body);
        }
        return response;
    }
}
