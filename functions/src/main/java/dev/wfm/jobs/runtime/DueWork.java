package dev.wfm.jobs.runtime;

import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.commands.SettleDueWork;
import java.time.Instant;
import java.util.List;

/**
 * What a scheduler tick does for jobs: for each job with something due ({@link SettleDueWork}),
 * releases the holds whose scheduled release has come, ends the wait steps whose time has come
 * (answering their task tokens), notices the jobs that became overdue, and makes the Step
 * Functions calls jobs still owe. Due jobs are found by a Query on DueIndex, never a Scan, so a
 * tick costs in proportion to what is due. A tick repeated for the same time finds nothing left
 * to do. Each job's change is decided and clocked at the tick's time.
 */
public final class DueWork {
    /** What one tick did. */
    public record Summary(int jobs, int holdsReleased, int waitsEnded, int overdue) {}

    private final JobUnitOfWork unitOfWork;
    private final JobRepository store;

    public DueWork(JobUnitOfWork unitOfWork, JobRepository store) {
        this.unitOfWork = unitOfWork;
        this.store = store;
    }

    public Summary run(Instant now) {
        int holds = 0;
        int waits = 0;
        int overdue = 0;
        List<JobRepository.JobRef> due = store.dueJobs(now.toString());
        for (JobRepository.JobRef job : due) {
            SettleDueWork.Settled settled = unitOfWork.run(job.itemId(), job.jobId(), new SettleDueWork(), now).answer();
            if (settled != null) {
                holds += settled.holdsReleased();
                waits += settled.waitsEnded();
                overdue += settled.overdueNoticed() ? 1 : 0;
            }
        }
        return new Summary(due.size(), holds, waits, overdue);
    }
}
