package dev.wfm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityTest {
    private static List<String> groups(String claim) {
        return Identity.fromClaims(Map.of("sub", "amy", "groups", claim)).groups();
    }

    @Test
    void apiGatewayFlattensArrayClaimsToBracketedWords() {
        assertEquals(List.of("admins", "editors"), groups("[admins editors]"));
        assertEquals(List.of("admins"), groups("[admins]"));
    }

    @Test
    void aStringClaimIsOneGroupWhateverItHolds() {
        assertEquals(List.of("nobody,A-admins"), groups("nobody,A-admins"));
        assertEquals(List.of("A-\"admins"), groups("A-\"admins"));
        assertEquals(List.of("admins"), groups("admins"));
    }

    @Test
    void aGroupInAFlattenedArrayIsReadAsItIsNeverSplitAtCommasNorStrippedOfQuotes() {
        assertEquals(List.of("nobody,A-admins"), groups("[nobody,A-admins]"));
        assertEquals(List.of("A-\"admins", "x"), groups("[A-\"admins x]"));
        assertEquals(List.of("\"a\",\"b\""), groups("[\"a\",\"b\"]"), "a JSON array claim reaches functions flattened, never as JSON text");
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
        assertEquals(List.of(), groups("[]"));
        assertEquals(List.of(), groups(""));
    }

    @Test
    void onlyNamesAFlattenedClaimCarriesExactlyCanBeGrantedAnything() {
        assertTrue(Identity.isCarriedExactly("A-admins"));
        assertTrue(Identity.isCarriedExactly("équipe_2/nord.ouest"));
        for (String ambiguous : List.of("", "nobody,A-admins", "A-\"admins", "it's", "two words", "tab\there", "[admins]", "a]",
                "line\nbreak", "nbsp\u00a0x", "bell\u0007")) {
            assertFalse(Identity.isCarriedExactly(ambiguous), ambiguous);
        }
    }
}
