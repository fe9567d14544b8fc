package dev.wfm.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wfm.common.Json;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import org.junit.jupiter.api.Test;

/** The job the warm-up reads and writes is a job as its record holds it, so Jackson warms the paths a real one takes. */
class PrimingSampleTest {
    @Test
    void theSampleJobReadsAndWritesBackFieldForFieldWithACurrentStep() throws Exception {
        Job job = JobStore.fromDoc(Priming.SAMPLE_JOB);

        assertEquals(Json.read(Priming.SAMPLE_JOB), Json.read(Json.write(job)),
                "every field of the sample is a field of the job (a renamed one would be dropped on reading)");
        assertFalse(job.currentSteps().isEmpty());
    }
}
