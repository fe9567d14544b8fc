package dev.wfm.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfm.common.Log;
import org.junit.jupiter.api.Test;

/** The filter pattern CloudWatch Logs is given: the levels at or above the one asked for, and the request when named. */
class ServerLogsTest {
    @Test
    void aLevelStandsForItselfAndTheLevelsAboveIt() {
        assertEquals("{ ($.level = \"INFO\" || $.level = \"WARN\" || $.level = \"ERROR\") }", ServerLogs.pattern(Log.Level.INFO, null));
        assertEquals("{ ($.level = \"ERROR\") }", ServerLogs.pattern(Log.Level.ERROR, null));
    }

    @Test
    void aRequestIdNarrowsToThatRequest() {
        assertEquals("{ ($.level = \"WARN\" || $.level = \"ERROR\") && $.requestId = \"8f5c-01\" }",
                ServerLogs.pattern(Log.Level.WARN, "8f5c-01"));
    }
}
