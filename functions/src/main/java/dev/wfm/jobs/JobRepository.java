package dev.wfm.jobs;

import dev.wfm.common.Refusal;
import dev.wfm.jobs.events.HistoryEntry;
import dev.wfm.jobs.events.RecordedEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the job domain keeps: jobs, each written only at the revision it was read at, with the
 * history entries and related record writes of the change in the same write; and the records
 * between jobs (a dependency's reverse record under the job depended on, a child's link to the
 * parent waiting for it). {@link JobStore} keeps them in DynamoDB.
 */
public interface JobRepository {
    /** A job of an item. */
    record JobRef(String itemId, String jobId) {}

    /** The reverse record of dependency {@code dependencyId}: job {@code dependentJobId} waits for step {@code onStepId}. */
    record Dependent(String dependencyId, String dependentJobId, String onStepId) {}

    /**
     * The parent job whose step {@code stepId} waits for a child job to close: the visit of the step
     * that became current at {@code stepSince}, whatever token its execution holds now (a restart
     * gives the step a new one). Links written before visits were named have only the
     * {@code taskToken} the step waited on then (null otherwise).
     */
    record ParentLink(String parentJobId, String stepId, String stepSince, String taskToken) {
        /** Whether {@code step} is the step this link waits at. */
        public boolean waitsAt(CurrentStep step) {
            return stepSince != null
                    ? step.stepId().equals(stepId) && stepSince.equals(step.since())
                    : taskToken != null && taskToken.equals(step.taskToken());
        }
    }

    Optional<Job> find(String itemId, String jobId);

    /** The job; NOT_FOUND when there is none. */
    default Job load(String itemId, String jobId) {
        return find(itemId, jobId).orElseThrow(() -> Refusal.notFound("Job '" + jobId + "' was not found", "jobId"));
    }

    /** The ids of the child jobs createJob steps of job {@code parentJobId} created, oldest first. */
    List<String> childrenOf(String itemId, String parentJobId);

    /** Of these job ids, the ones with no job record. */
    List<String> missing(String itemId, List<String> jobIds);

    /** The jobs with these ids that exist, in the order given. */
    List<Job> findAll(String itemId, List<String> jobIds);

    /** Writes new jobs with the first events of their history, by job id (fresh ids: nothing to condition on). */
    void createAll(List<Job> jobs, Map<String, List<RecordedEvent>> history);

    /** Writes a new job with its history unless a job with its id exists; false when it does. */
    boolean createIfAbsent(Job job, List<RecordedEvent> history);

    /**
     * Saves the job if it is still at the revision of {@code before} (the job as read), with the
     * events of its change (in its history, in order), related record writes, the change to its
     * work ({@link WorkItem#between}) and {@code result}, the change's result in a batch update
     * (null: none), all or nothing; false when another writer got there first (or a related record
     * was added or removed meanwhile, or one of the other jobs {@code othersAt} names moved on from
     * its revision, or the batch has a result for the job already: a batch run twice changes a job
     * once).
     */
    boolean save(Job before, Job job, List<RecordedEvent> history, List<RelatedWrite> related, Map<String, Long> othersAt,
                 BatchResult result);

    /** The results batch {@code batchId} has of these jobs, by job id (jobs it has none of are missing). */
    Map<String, BatchResult> batchResults(String itemId, String batchId, List<String> jobIds);

    /** Up to {@code limit} results of batch {@code batchId}, in job id order, after job {@code afterJobId} (null: from the first). */
    List<BatchResult> batchResults(String itemId, String batchId, String afterJobId, int limit);

    /**
     * Writes a batch result where the batch has none for the job, or only a {@code DELETING} one;
     * false when it has a settled one (another run of the batch got there first).
     */
    boolean recordBatchResult(String itemId, BatchResult result);

    /** The job's related records, by table then id (oldest first: ids sort by time). */
    List<RelatedRecord> relatedRecords(String itemId, String jobId);

    /** The job's history, oldest first. */
    List<HistoryEntry> history(String itemId, String jobId);

    /** Deletes the job and every record kept under it. */
    void delete(String itemId, String jobId);

    /** Jobs with work due at or before {@code now} (a wait ending, a hold's scheduled release, owed calls). */
    List<JobRef> dueJobs(String now);

    /** The job's comments, oldest first (each written with its {@code CommentAdded} event). */
    List<Comment> comments(String itemId, String jobId);

    /** Keeps the reverse record of a dependency on a step of job {@code onJobId}. */
    void addDependent(String itemId, String onJobId, Dependent dependent);

    /** The reverse records of the dependencies on steps of job {@code onJobId}. */
    List<Dependent> dependentsOf(String itemId, String onJobId);

    void removeDependent(String itemId, String onJobId, String dependencyId);

    /** Records (or replaces) the parent waiting for child job {@code childJobId}. */
    void linkParent(String itemId, String childJobId, ParentLink parent);

    /** The parents waiting for these children, by child job id in the order given (children nobody waits for are missing). */
    Map<String, ParentLink> parentsOf(String itemId, List<String> childJobIds);

    void unlinkParent(String itemId, String childJobId);
}
