package dev.wfm.jobs.commands;

import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.events.JobEvent.AttachmentAdded;
import dev.wfm.jobs.events.JobEvent.AttachmentRemoved;
import dev.wfm.jobs.events.JobEvent;
import java.time.Instant;
import java.util.List;

/**
 * Records in the job's history that one of its attachments was added or removed (the attachment's
 * own record is kept by attachments.Attachments); the job is otherwise unchanged.
 */
public record RecordAttachmentChange(String user, String attachmentId, String name, boolean added) implements JobCommand<Void> {
    @Override
    public Decision<Void> decide(Job job, Instant now) {
        JobEvent change = added
                ? new AttachmentAdded(user, now, attachmentId, name)
                : new AttachmentRemoved(user, now, attachmentId, name);
        return Decision.accept(job, List.of(change), null);
    }
}
