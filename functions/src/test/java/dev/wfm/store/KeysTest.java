package dev.wfm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The keys are what stored data is found by: each stays exactly as the table already holds it. */
class KeysTest {
    @Test
    void workflowItemsKeepTheirStoredKeys() {
        assertEquals("ITEM#it", Keys.item("it"));
        assertEquals("ITEM", Keys.ITEM);
        assertEquals("ITEMS", Keys.ITEMS);
        assertEquals("Roads#it", Keys.itemByName("Roads", "it"));
    }

    @Test
    void configurationDocumentsSchedulesAndTasksKeepTheirStoredKeys() {
        assertEquals("TEMPLATE#t1", Keys.ofKind("TEMPLATE", "t1"));
        assertEquals("LOOKUP#", Keys.kindPrefix("LOOKUP"));
        assertEquals("d1#000012", Keys.diagramVersion("d1", 12));
        assertEquals("DIAGRAM_VERSION#d1#000012", Keys.ofKind("DIAGRAM_VERSION", Keys.diagramVersion("d1", 12)));
        assertTrue(Keys.diagramVersion("d1", 12).startsWith(Keys.diagramVersionPrefix("d1")));
        assertEquals("SCHEDULERUN#s1#20260101T000000Z", Keys.run("SCHEDULE", "s1", "20260101T000000Z"));
        assertEquals("TASKRUN#t1#", Keys.runPrefix("TASK", "t1"));
        assertEquals("SCHEDULE_DUE", Keys.duePartition("SCHEDULE"));
        assertEquals("JOB_DUE#15", Keys.duePartition("JOB", 15));
        assertEquals("DueIndex", Keys.DUE_INDEX);
    }

    @Test
    void webhookPointersAndDeliveriesKeepTheirStoredKeys() {
        assertEquals("HOOK#w1", Keys.webhookPointer("w1"));
        assertEquals("HOOK", Keys.WEBHOOK_POINTER);
        assertEquals("DELIVERY#w1#d1", Keys.delivery("w1", "d1"));
        assertEquals("DELIVERY#w1#", Keys.deliveryPrefix("w1"));
    }

    @Test
    void recordsBesideAJobKeepTheirStoredKeysUnderTheJobsPrefix() {
        assertEquals("ITEM#it#JOBS", Keys.jobListing("it"));
        assertEquals("JOB#j1#LOCATION", Keys.jobLocation("j1"));
        assertEquals("JOB#j1#ATT#a1", Keys.ofKind(Keys.jobAttachments("j1"), "a1"));
    }

    @Test
    void spatialCellsKeepTheirStoredKeysAndNameTheirJob() {
        assertEquals("ITEM#it#CELL#2#17", Keys.spatialColumn("it", 2, 17));
        String cell = Keys.spatialCell(42, "j#1");
        assertEquals("0000042#JOB#j#1", cell);
        assertEquals("j#1", Keys.jobOfSpatialCell(cell));
        assertTrue(cell.compareTo(Keys.spatialRowStart(42)) > 0 && cell.compareTo(Keys.spatialRowEnd(42)) < 0);
        assertTrue(Keys.spatialCell(43, "j1").compareTo(Keys.spatialRowEnd(42)) > 0);
    }
}
