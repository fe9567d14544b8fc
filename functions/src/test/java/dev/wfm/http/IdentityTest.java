package dev.wfm.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityTest {
    @Test
    void apiGatewayFlattensArrayClaimsToBracketedWords() {
        assertEquals(List.of("admins", "editors"), Identity.fromClaims(Map.of("sub", "amy", "groups", "[admins editors]")).groups());
    }

    @Test
    void jsonArraysAndCommaListsAreAcceptedToo() {
        assertEquals(List.of("a", "b"), Identity.fromClaims(Map.of("sub", "amy", "groups", "[\"a\",\"b\"]")).groups());
        assertEquals(List.of("a", "b"), Identity.fromClaims(Map.of("sub", "amy", "groups", "a, b")).groups());
    }

    @Test
    void cognitoGroupsAreReadWhenThereIsNoGroupsClaim() {
        Identity identity = Identity.fromClaims(Map.of("sub", "u-1", "cognito:groups", "[workers]"));
        assertEquals("u-1", identity.user());
        assertEquals(List.of("workers"), identity.groups());
    }

    @Test
    void noGroupClaimMeansNoGroups() {
        assertEquals(List.of(), Identity.fromClaims(Map.of("sub", "amy")).groups());
        assertEquals(List.of(), Identity.fromClaims(Map.of("sub", "amy", "groups", "[]")).groups());
    }
}
