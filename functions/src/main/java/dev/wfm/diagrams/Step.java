package dev.wfm.diagrams;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One step of a diagram. The JSON {@code type} picks the record. */
public sealed interface Step
        permits Step.Manual, Step.Question, Step.WebRequest, Step.Wait, Step.CreateJob, Step.End {

    StepInfo info();

    StepType type();

    default String id() {
        return info().id();
    }

    default String name() {
        return info().name();
    }

    /** A person does the work and finishes the step, optionally with a return code. */
    record Manual(StepInfo info) implements Step {
        public StepType type() {
            return StepType.MANUAL;
        }
    }

    /** A person answers; the return code is the chosen answer's value. */
    record Question(StepInfo info, String question, List<Answer> answers) implements Step {
        public Question {
            answers = List.copyOf(answers);
        }

        public StepType type() {
            return StepType.QUESTION;
        }
    }

    /** The worker calls a web service. */
    record WebRequest(StepInfo info, Request request) implements Step {
        public StepType type() {
            return StepType.WEB_REQUEST;
        }
    }

    /** Waits {@code seconds} after becoming current, or {@code until} a time; exactly one is set. */
    record Wait(StepInfo info, Integer seconds, String until) implements Step {
        public StepType type() {
            return StepType.WAIT;
        }
    }

    /** Creates a child job from a template; with {@code waitForClose}, finishes when it closes. */
    record CreateJob(StepInfo info, String jobTemplateId, boolean waitForClose) implements Step {
        public StepType type() {
            return StepType.CREATE_JOB;
        }
    }

    /** Reaching it completes the job. */
    record End(StepInfo info) implements Step {
        public StepType type() {
            return StepType.END;
        }
    }

    record Answer(String name, String value) {}

    /**
     * A web request. {@code url}, header values and {@code body} may be JSONata templates
     * ({@code {% ... %}}) evaluated by the worker.
     *
     * @param headers in the order written; never null
     */
    record Request(
            String method, String url, Map<String, String> headers, String body, Integer timeoutSeconds) {
        public Request {
            // Keeps the author's order (a Map.copyOf would not), so JSON round trips are stable.
            headers =
                    headers == null
                            ? Map.of()
                            : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }
}
