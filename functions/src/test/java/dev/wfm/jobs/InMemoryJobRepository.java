package dev.wfm.jobs;

import dev.wfm.jobs.events.HistoryEntry;
import dev.wfm.jobs.events.JobEvent.CommentAdded;
import dev.wfm.jobs.events.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The job repository in memory, keeping what {@link JobStore} keeps and under the same conditions:
 * a job is saved only at the revision it was read at and while the other jobs a change read are
 * at theirs; a related record is added only if absent, changed or deleted only if present; a
 * change's history is kept in order, all or nothing. {@link #beforeNextSave} lets a test make
 * another writer's change land between a read and a save.
 */
public final class InMemoryJobRepository implements JobRepository {
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, List<RecordedEvent>> history = new LinkedHashMap<>();
    private final Map<String, RelatedRecord> related = new TreeMap<>();
    private final Map<String, List<Comment>> comments = new LinkedHashMap<>();
    private final Map<String, Map<String, Dependent>> dependents = new LinkedHashMap<>();
    private final Map<String, ParentLink> parents = new LinkedHashMap<>();
    private final Map<String, BatchResult> batchResults = new TreeMap<>();
    private Runnable beforeNextSave;
    private int dependentLookups;
    private int reads;

    /** A job as if it had been created (or changed) by someone else. */
    public synchronized void put(Job job) {
        jobs.put(key(job.itemId(), job.jobId()), job);
    }

    /** Runs once, right before the next save is checked: another writer's change landing first. */
    public synchronized void beforeNextSave(Runnable otherWriter) {
        this.beforeNextSave = otherWriter;
    }

    /** The job's history as kept, with the ids of its events. */
    public synchronized List<RecordedEvent> recorded(String itemId, String jobId) {
        return List.copyOf(history.getOrDefault(key(itemId, jobId), List.of()));
    }

    @Override
    public synchronized Optional<Job> find(String itemId, String jobId) {
        reads++;
        return Optional.ofNullable(jobs.get(key(itemId, jobId)));
    }

    @Override
    public synchronized List<String> missing(String itemId, List<String> jobIds) {
        return jobIds.stream().filter(jobId -> !jobs.containsKey(key(itemId, jobId))).toList();
    }

    @Override
    public synchronized List<Job> findAll(String itemId, List<String> jobIds) {
        return jobIds.stream().map(jobId -> jobs.get(key(itemId, jobId))).filter(Objects::nonNull).toList();
    }

    @Override
    public synchronized List<String> childrenOf(String itemId, String parentJobId) {
        return jobs.values().stream().filter(job -> job.itemId().equals(itemId) && parentJobId.equals(job.parentJobId()))
                .map(Job::jobId).toList();
    }

    @Override
    public synchronized void createAll(List<Job> created, Map<String, List<RecordedEvent>> events) {
        created.forEach(job -> {
            put(job);
            history.put(key(job.itemId(), job.jobId()), new ArrayList<>(events.getOrDefault(job.jobId(), List.of())));
        });
    }

    @Override
    public synchronized boolean createIfAbsent(Job job, List<RecordedEvent> events) {
        if (jobs.containsKey(key(job.itemId(), job.jobId()))) {
            return false;
        }
        createAll(List.of(job), Map.of(job.jobId(), events));
        return true;
    }

    @Override
    public boolean save(Job before, Job job, List<RecordedEvent> events, List<RelatedWrite> writes, Map<String, Long> othersAt,
                        BatchResult result) {
        Runnable otherWriter;
        synchronized (this) {
            otherWriter = beforeNextSave;
            beforeNextSave = null;
        }
        if (otherWriter != null) {
            otherWriter.run();
        }
        synchronized (this) {
            Job current = jobs.get(key(job.itemId(), job.jobId()));
            if (current == null || current.revision() != before.revision()) {
                return false;
            }
            for (Map.Entry<String, Long> other : othersAt.entrySet()) {
                Job read = jobs.get(key(job.itemId(), other.getKey()));
                if (read == null || read.revision() != other.getValue()) {
                    return false;
                }
            }
            for (RelatedWrite write : writes) {
                boolean exists = related.containsKey(relatedKey(job, write.record()));
                if (exists == (write.kind() == RelatedWrite.Kind.ADD)) {
                    return false;
                }
            }
            if (result != null && batchResults.containsKey(batchKey(job.itemId(), result.batchId(), result.jobId()))) {
                return false;
            }
            if (result != null) {
                batchResults.put(batchKey(job.itemId(), result.batchId(), result.jobId()), result);
            }
            put(job);
            history.computeIfAbsent(key(job.itemId(), job.jobId()), k -> new ArrayList<>()).addAll(events);
            events.stream().filter(event -> event.event() instanceof CommentAdded).map(event -> (CommentAdded) event.event())
                    .forEach(added -> comments.computeIfAbsent(key(job.itemId(), job.jobId()), k -> new ArrayList<>())
                            .add(new Comment(added.commentId(), added.comment(), added.user(), added.at().toString())));
            for (RelatedWrite write : writes) {
                if (write.kind() == RelatedWrite.Kind.DELETE) {
                    related.remove(relatedKey(job, write.record()));
                } else {
                    related.put(relatedKey(job, write.record()), write.record());
                }
            }
            return true;
        }
    }

    @Override
    public synchronized Map<String, BatchResult> batchResults(String itemId, String batchId, List<String> jobIds) {
        Map<String, BatchResult> found = new LinkedHashMap<>();
        jobIds.forEach(jobId -> Optional.ofNullable(batchResults.get(batchKey(itemId, batchId, jobId)))
                .ifPresent(result -> found.put(jobId, result)));
        return found;
    }

    @Override
    public synchronized List<BatchResult> batchResults(String itemId, String batchId, String afterJobId, int limit) {
        String prefix = batchKey(itemId, batchId, "");
        String after = afterJobId == null ? null : batchKey(itemId, batchId, afterJobId);
        return batchResults.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix) && (after == null || entry.getKey().compareTo(after) > 0))
                .limit(limit).map(Map.Entry::getValue).toList();
    }

    @Override
    public synchronized boolean recordBatchResult(String itemId, BatchResult result) {
        BatchResult kept = batchResults.get(batchKey(itemId, result.batchId(), result.jobId()));
        if (kept != null && kept.settled()) {
            return false;
        }
        batchResults.put(batchKey(itemId, result.batchId(), result.jobId()), result);
        return true;
    }

    private static String batchKey(String itemId, String batchId, String jobId) {
        return itemId + "/" + batchId + "/" + jobId;
    }

    @Override
    public synchronized List<RelatedRecord> relatedRecords(String itemId, String jobId) {
        String prefix = key(itemId, jobId) + "/";
        return related.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
    }

    @Override
    public synchronized List<HistoryEntry> history(String itemId, String jobId) {
        return recorded(itemId, jobId).stream().map(RecordedEvent::entry).toList();
    }

    @Override
    public synchronized void delete(String itemId, String jobId) {
        String key = key(itemId, jobId);
        jobs.remove(key);
        history.remove(key);
        comments.remove(key);
        dependents.remove(key);
        parents.remove(key);
        related.keySet().removeIf(recordKey -> recordKey.startsWith(key + "/"));
    }

    @Override
    public synchronized List<JobRef> dueJobs(String now) {
        Instant at = Instant.parse(now);
        return jobs.values().stream()
                .filter(job -> job.nextDue().filter(due -> !Instant.parse(due).isAfter(at)).isPresent())
                .map(job -> new JobRef(job.itemId(), job.jobId()))
                .toList();
    }

    @Override
    public synchronized List<Comment> comments(String itemId, String jobId) {
        return List.copyOf(comments.getOrDefault(key(itemId, jobId), List.of()));
    }

    @Override
    public synchronized void addDependent(String itemId, String onJobId, Dependent dependent) {
        dependents.computeIfAbsent(key(itemId, onJobId), k -> new LinkedHashMap<>()).putIfAbsent(dependent.dependencyId(), dependent);
    }

    @Override
    public synchronized List<Dependent> dependentsOf(String itemId, String onJobId) {
        dependentLookups++;
        return List.copyOf(dependents.getOrDefault(key(itemId, onJobId), Map.of()).values());
    }

    /** How many times a job was read by id (a GetItem in {@link JobStore}). */
    public synchronized int reads() {
        return reads;
    }

    /** How many times the reverse records of a job's dependents were looked up (a Query in {@link JobStore}). */
    public synchronized int dependentLookups() {
        return dependentLookups;
    }

    @Override
    public synchronized void removeDependent(String itemId, String onJobId, String dependencyId) {
        dependents.getOrDefault(key(itemId, onJobId), new LinkedHashMap<>()).remove(dependencyId);
    }

    @Override
    public synchronized void linkParent(String itemId, String childJobId, ParentLink parent) {
        parents.put(key(itemId, childJobId), parent);
    }

    @Override
    public synchronized Map<String, ParentLink> parentsOf(String itemId, List<String> childJobIds) {
        Map<String, ParentLink> found = new LinkedHashMap<>();
        childJobIds.forEach(childJobId -> Optional.ofNullable(parents.get(key(itemId, childJobId)))
                .ifPresent(parent -> found.put(childJobId, parent)));
        return found;
    }

    @Override
    public synchronized void unlinkParent(String itemId, String childJobId) {
        parents.remove(key(itemId, childJobId));
    }

    private static String key(String itemId, String jobId) {
        return itemId + "/" + jobId;
    }

    private static String relatedKey(Job job, RelatedRecord record) {
        return key(job.itemId(), job.jobId()) + "/" + record.tableName() + "/" + record.recordId();
    }
}
