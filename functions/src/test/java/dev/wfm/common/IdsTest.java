package dev.wfm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsSortByCreationTime() {
        String earlier = Ids.newId(Instant.parse("2026-01-01T00:00:00Z"));
        String later = Ids.newId(Instant.parse("2026-01-01T00:00:00.001Z"));
        assertTrue(earlier.compareTo(later) < 0);
    }

    @Test
    void idsAreUrlSafeAndDistinct() {
        Set<String> seen = new HashSet<>();
        Instant now = Instant.now();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.newId(now);
            assertTrue(id.matches("[0-9a-z]{26}"), id);
            seen.add(id);
        }
        assertEquals(10_000, seen.size());
    }
}
