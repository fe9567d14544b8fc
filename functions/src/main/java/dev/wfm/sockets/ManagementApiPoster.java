package dev.wfm.sockets;

import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/** {@code PostToConnection} with the SDK's client for the WebSocket API's management endpoint. */
public final class ManagementApiPoster implements ConnectionPoster {
    private final Supplier<ApiGatewayManagementApiClient> client;

    /** The client is built on first use: a function that never posts needs no endpoint. */
    public ManagementApiPoster(Supplier<ApiGatewayManagementApiClient> client) {
        this.client = client;
    }

    @Override
    public boolean post(String connectionId, String data) {
        try {
            client.get().postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(data)));
            return true;
        } catch (GoneException gone) {
            return false;
        }
    }
}
