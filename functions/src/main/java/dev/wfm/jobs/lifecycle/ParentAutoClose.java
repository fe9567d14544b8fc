package dev.wfm.jobs.lifecycle;

import dev.wfm.common.Refusal;
import dev.wfm.config.JobTemplates;
import dev.wfm.events.EventConsumer;
import dev.wfm.events.StreamedEvent;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.events.JobEvent.JobClosed;
import dev.wfm.jobs.events.JobEvent.JobCompleted;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Job groups that close themselves: when a child job (one a createJob step created) is closed or
 * completed, its parent is closed by the system once all of the parent's children are closed, if
 * the parent's template says {@code autoClose}. Taken from the event stream, so a child's close is
 * never slowed by its parent; idempotent (a parent closed already is left alone), and two
 * children closing at once close the parent once (the close is a conditional write of the job).
 */
public final class ParentAutoClose implements EventConsumer {
    private final JobRepository jobs;
    private final JobTemplates templates;
    private final JobLifecycle lifecycle;

    public ParentAutoClose(JobRepository jobs, JobTemplates templates, JobLifecycle lifecycle) {
        this.jobs = jobs;
        this.templates = templates;
        this.lifecycle = lifecycle;
    }

    @Override
    public String name() {
        return "job-groups";
    }

    @Override
    public void consume(List<StreamedEvent> events) {
        Set<JobRepository.JobRef> parents = new LinkedHashSet<>(); // each parent looked at once per batch
        for (StreamedEvent streamed : events) {
            if (streamed.event() instanceof JobClosed || streamed.event() instanceof JobCompleted) {
                jobs.find(streamed.itemId(), streamed.jobId()).map(Job::parentJobId)
                        .ifPresent(parentJobId -> parents.add(new JobRepository.JobRef(streamed.itemId(), parentJobId)));
            }
        }
        parents.forEach(ref -> jobs.find(ref.itemId(), ref.jobId()).filter(this::closesItself)
                .ifPresent(parent -> lifecycle.close(parent.itemId(), List.of(parent.jobId()), Actor.SYSTEM)));
    }

    /** An open parent whose template closes it once every one of its children is closed, and they are. */
    private boolean closesItself(Job parent) {
        if (parent.closed() || !autoClose(parent)) {
            return false;
        }
        List<String> children = jobs.childrenOf(parent.itemId(), parent.jobId());
        return !children.isEmpty() && jobs.findAll(parent.itemId(), children).stream().allMatch(Job::closed);
    }

    private boolean autoClose(Job parent) {
        try {
            return templates.template(parent.itemId(), parent.jobTemplateId()).autoClose();
        } catch (Refusal deleted) {
            return false; // its template is gone: nothing says it closes itself
        }
    }
}
