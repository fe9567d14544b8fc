package dev.wfm.jobs.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.ChildJobCreated;
import dev.wfm.jobs.events.JobEvent.WebRequestFinished;
import dev.wfm.jobs.events.JobEvent;
import java.time.Instant;
import java.util.List;

/**
 * The worker ran a step for execution {@code executionArn} and records what it did
 * ({@code event}, at the step): the step, done, leaves the current steps with it. Unless the job no
 * longer runs that execution (restarted, paused or closed meanwhile, so the execution will not
 * get the answer): then nothing is recorded and the step stays current, for the next execution to
 * run again. What the step gave (a web request's outputs, a child job's ids) is kept in the job's
 * {@code outputs} by step id, for later conditions and templates ({@code $job.outputs.{stepId}}).
 */
public record RecordOutcome(String executionArn, JobEvent event) implements JobCommand<Boolean> {
    @Override
    public Decision<Boolean> decide(Job job, Instant now) {
        if (!job.executionArn().equals(executionArn) || job.closed() || job.paused()) {
            return Decision.unchanged(false);
        }
        Job ran = job.currentStep(event.stepId()).filter(CurrentStep::running).map(step -> StepTransitions.ran(job, step)).orElse(job);
        JsonNode output = output(event);
        Job next = output == null ? ran : ran.with(b -> {
            b.outputs.set(event.stepId(), output);
            return b;
        });
        return Decision.accept(next, List.of(event), true);
    }

    /** What the step gave, kept as {@code $job.outputs.{stepId}}: a web request's outputs, a child job's ids. */
    private static JsonNode output(JobEvent event) {
        if (event instanceof WebRequestFinished web) {
            return web.output();
        }
        if (event instanceof ChildJobCreated created) {
            return created.output();
        }
        return null;
    }
}
