package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.wfm.common.Log;

/**
 * The WebSocket API: $connect (the token checked), $disconnect, subscribe, unsubscribe, stepInfoResponse, $default.
 * Each message answered leaves an access line as HTTP requests do (route, status, latency; never its body or token).
 */
public final class WebSocketHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final SocketRoutes routes = Services.get().socketRoutes;

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return Log.during(context, () -> {
            long started = System.nanoTime();
            APIGatewayV2WebSocketResponse response = routes.handle(event);
            Log.answered(event.getRequestContext() == null ? null : event.getRequestContext().getRouteKey(), response.getStatusCode(),
                    null, started, null);
            return response;
        });
    }
}
