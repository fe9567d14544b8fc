package dev.wfm.sockets;

/** Sends to a WebSocket connection through the API's management endpoint ({@code @connections}). */
public interface ConnectionPoster {
    /** Sends {@code data} as one message; false when the connection is gone (API Gateway's 410). */
    boolean post(String connectionId, String data);
}
