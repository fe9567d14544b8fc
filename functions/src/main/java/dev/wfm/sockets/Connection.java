package dev.wfm.sockets;

import dev.wfm.security.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A WebSocket connection to one workflow item, by the user its token named (with the token's
 * groups), until {@code expiresAt}: API Gateway ends every connection after two hours at most.
 */
public record Connection(String connectionId, String itemId, String user, List<String> groups, Instant expiresAt) {
    /** API Gateway's longest WebSocket connection; records outlive it a little, for clocks that differ. */
    public static final Duration LIFETIME = Duration.ofHours(2).plusMinutes(5);

    public Connection {
        groups = List.copyOf(groups);
    }

    public Identity identity() {
        return new Identity(user, groups);
    }

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
