package dev.wfm.jobs.commands;

import dev.wfm.jobs.Comment;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.events.JobEvent.CommentAdded;
import java.time.Instant;
import java.util.List;

/**
 * Comments on a job, open or closed: the job is otherwise unchanged, and the comment is written with
 * its event. {@code commentId} is chosen before deciding, so a decision made again keeps it.
 */
public record AddComment(String user, String commentId, String text) implements JobCommand<Comment> {
    @Override
    public Decision<Comment> decide(Job job, Instant now) {
        return Decision.accept(job, List.of(new CommentAdded(user, now, commentId, text)),
                new Comment(commentId, text, user, now.toString()));
    }
}
