package dev.wfm.diagrams;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * The worker calls a web service; {@code retry} null means {@link Retry#DEFAULT}. {@code outputs}
     * names values taken from the answer ({@code {% %}} templates seeing {@code $response}:
     * status, headers, body; and {@code $job}), kept as the step's output for later steps.
     */
    /** Outputs one web request step may name. */
    int MAX_OUTPUTS = 20;

    record WebRequest(StepInfo info, Request request, Retry retry, Map<String, String> outputs) implements Step {
        public WebRequest {
            outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }

        public StepType type() {
            return StepType.WEB_REQUEST;
        }

        public Retry retryPolicy() {
            return retry != null ? retry : Retry.DEFAULT;
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
     * How often a web request that failed transiently (no answer in time, no connection, an answer
     * of 5xx or 429) is made: {@code maxAttempts} in all, the first retry after
     * {@code intervalSeconds}, each further wait {@code backoffRate} times the one before.
     */
    record Retry(int maxAttempts, int intervalSeconds, double backoffRate) {
        public static final Retry DEFAULT = new Retry(3, 2, 2.0);
        public static final int MAX_ATTEMPTS = 10;
        public static final int MAX_INTERVAL_SECONDS = 3600;
        public static final double MAX_BACKOFF_RATE = 10;
    }

    /**
     * A web request. {@code url}, header values and {@code body} may be JSONata templates
     * ({@code {% ... %}}) evaluated by the worker.
     *
     * @param headers in the order written; never null
     * @param secretHeaders the names of headers whose values are secrets (stored encrypted, shown
     *     only to the item's admins): those the author marked, and those named like credentials
     * @param sealedHeaders those of them whose value is still encrypted, as a stored diagram holds
     *     them; the worker opens them when it calls (see dev.wfm.outbound.SecretHeaders)
     * @param timeoutSeconds the whole exchange, at most {@link #MAX_TIMEOUT_SECONDS}
     */
    record Request(String method, String url, Map<String, String> headers, Set<String> secretHeaders,
            Set<String> sealedHeaders, String body, Integer timeoutSeconds) {
        public static final int DEFAULT_TIMEOUT_SECONDS = 30;
        /**
         * The longest one attempt may take. One attempt is one invocation of the step worker
         * function, whose Timeout in template.yaml (120 s) leaves room above this for reading the
         * job and writing the outcome; a test holds the two together.
         */
        public static final int MAX_TIMEOUT_SECONDS = 90;

        public Request {
            // Keeps the author's order (a Map.copyOf would not), so JSON round trips are stable.
            headers =
                    headers == null
                            ? Map.of()
                            : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            secretHeaders = secretHeaders == null ? Set.of() : Set.copyOf(secretHeaders);
            sealedHeaders = sealedHeaders == null ? Set.of() : Set.copyOf(sealedHeaders);
        }

        public int timeout() {
            return timeoutSeconds != null ? timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
        }
    }
}
