package dev.wfm.diagrams;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks on each step's own fields, whatever paths lead to it. Problems target the step id. */
final class StepChecks {
    private static final List<String> METHODS =
            List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    /** A Standard execution lasts at most a year; longer waits belong on a schedule. */
    private static final int MAX_WAIT_SECONDS = 365 * 24 * 60 * 60;

    private final Step step;
    private final List<Problem> problems = new ArrayList<>();

    private StepChecks(Step step) {
        this.step = step;
    }

    static List<Problem> check(Step step) {
        StepChecks checks = new StepChecks(step);
        checks.common();
        switch (step.type()) {
            case QUESTION -> checks.question((Step.Question) step);
            case WEB_REQUEST -> {
                checks.webRequest(((Step.WebRequest) step).request());
                checks.retry(((Step.WebRequest) step).retry());
                checks.outputs(((Step.WebRequest) step).outputs());
            }
            case WAIT -> checks.waitStep((Step.Wait) step);
            case CREATE_JOB -> checks.createJob((Step.CreateJob) step);
            case MANUAL, END -> {}
        }
        return checks.problems;
    }

    private void common() {
        StepInfo info = step.info();
        if (blank(info.name())) {
            invalid("a name", "no name", "Give it a name people will recognise.");
        }
        boolean needsAssignee =
                info.assignedType() == AssignedType.USER || info.assignedType() == AssignedType.GROUP;
        if (needsAssignee && blank(info.assignedTo())) {
            invalid("assignedTo naming the " + info.assignedType().json().toLowerCase(),
                    "assignedType " + info.assignedType().json() + " without assignedTo",
                    "Set assignedTo, or set assignedType to Unassigned.");
        }
        if (!needsAssignee && info.assignedTo() != null) {
            invalid("assignedTo only with assignedType User or Group",
                    "assignedTo '" + info.assignedTo() + "' with assignedType "
                            + (info.assignedType() == null ? "unset" : info.assignedType().json()),
                    "Set assignedType to User or Group, or remove assignedTo.");
        }
    }

    private void question(Step.Question question) {
        if (blank(question.question())) {
            invalid("a question to ask", "none", "Set question to the text people answer.");
        }
        if (question.answers().isEmpty()) {
            invalid("at least one answer", "none", "Add answers, each with a name and a value.");
        }
        Set<String> values = new HashSet<>();
        for (Step.Answer answer : question.answers()) {
            if (blank(answer.name()) || blank(answer.value())) {
                invalid("every answer to have a name and a value", "an answer without one",
                        "Fill in both.");
            } else if (!values.add(answer.value())) {
                invalid("answer values to differ", "the value '" + answer.value() + "' twice",
                        "Give each answer its own value: it is the return code paths match.");
            }
        }
    }

    private void webRequest(Step.Request request) {
        if (request == null) {
            invalid("a request", "none", "Add a request with a method and a url.");
            return;
        }
        if (!METHODS.contains(request.method())) {
            invalid("request.method to be one of " + String.join(", ", METHODS),
                    "'" + request.method() + "'", "Use one of those methods.");
        }
        if (request.url() != null && Expressions.isTemplate(request.url())) {
            expression("request.url", request.url());
        } else if (!httpUrl(request.url())) {
            invalid("request.url to be an absolute http or https URL or a {% ... %} expression",
                    "'" + request.url() + "'", "Write the full URL, e.g. https://example.org/notify.");
        }
        request.headers().forEach((name, value) -> {
            if (Expressions.isTemplate(value)) {
                expression("request.headers." + name, value);
            }
        });
        if (request.body() != null && Expressions.isTemplate(request.body())) {
            expression("request.body", request.body());
        }
        Integer timeout = request.timeoutSeconds();
        if (timeout != null && (timeout < 1 || timeout > Step.Request.MAX_TIMEOUT_SECONDS)) {
            invalid("request.timeoutSeconds between 1 and " + Step.Request.MAX_TIMEOUT_SECONDS, timeout.toString(),
                    "One attempt of a web request may take at most " + Step.Request.MAX_TIMEOUT_SECONDS
                            + " seconds; for a slow service, use retry to try again rather than wait longer.");
        }
    }

    /** Each output is a template that parses, under a name later steps can write as $job.outputs.{stepId}.{name}. */
    private void outputs(Map<String, String> outputs) {
        if (outputs.size() > Step.MAX_OUTPUTS) {
            invalid("at most " + Step.MAX_OUTPUTS + " outputs", outputs.size() + " outputs", "Keep the values later steps use.");
        }
        outputs.forEach((name, template) -> {
            if (name.equals("statusCode")) {
                invalid("outputs other than statusCode", "an output named statusCode", "The answer's status is in every output as statusCode already; name yours otherwise.");
            } else if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
                invalid("output names of letters, digits and _ (not starting with a digit)", "'" + name + "'",
                        "Name it so $job.outputs." + step.id() + ".name can be written.");
            } else if (!Expressions.isTemplate(template)) {
                invalid("outputs." + name + " to be a {% ... %} expression", "'" + template + "'",
                        "Write what to take from the answer, e.g. {% $response.body.id %}.");
            } else {
                expression("outputs." + name, template);
            }
        });
    }

    private void retry(Step.Retry retry) {
        if (retry == null) {
            return;
        }
        if (retry.maxAttempts() < 1 || retry.maxAttempts() > Step.Retry.MAX_ATTEMPTS) {
            invalid("retry.maxAttempts between 1 and " + Step.Retry.MAX_ATTEMPTS, Integer.toString(retry.maxAttempts()),
                    "Count the first attempt too: 1 means never retry.");
        }
        if (retry.intervalSeconds() < 1 || retry.intervalSeconds() > Step.Retry.MAX_INTERVAL_SECONDS) {
            invalid("retry.intervalSeconds between 1 and " + Step.Retry.MAX_INTERVAL_SECONDS,
                    Integer.toString(retry.intervalSeconds()), "Choose the wait before the first retry, in seconds.");
        }
        if (!(retry.backoffRate() >= 1 && retry.backoffRate() <= Step.Retry.MAX_BACKOFF_RATE)) {
            invalid("retry.backoffRate between 1 and " + (int) Step.Retry.MAX_BACKOFF_RATE, Double.toString(retry.backoffRate()),
                    "1 waits the same before every retry; 2 doubles the wait each time.");
        }
    }

    private void waitStep(Step.Wait wait) {
        if ((wait.seconds() == null) == (wait.until() == null)) {
            invalid("exactly one of seconds or until",
                    wait.seconds() == null ? "neither" : "both", "Keep one of them.");
            return;
        }
        if (wait.seconds() != null && (wait.seconds() < 1 || wait.seconds() > MAX_WAIT_SECONDS)) {
            invalid("seconds between 1 and " + MAX_WAIT_SECONDS + " (a year)",
                    wait.seconds().toString(), "Choose a wait within a year.");
        }
        if (wait.until() != null) {
            if (Expressions.isTemplate(wait.until())) {
                expression("until", wait.until());
            } else if (!timestamp(wait.until())) {
                invalid("until to be an ISO-8601 time with offset (2030-01-31T17:00:00Z) or a {% ... %} "
                        + "expression", "'" + wait.until() + "'", "Write the time with its offset.");
            }
        }
    }

    private void createJob(Step.CreateJob createJob) {
        if (blank(createJob.jobTemplateId())) {
            invalid("a jobTemplateId", "none", "Name the job template the child job is created from.");
        }
    }

    private void expression(String field, String template) {
        Expressions.syntaxError(Expressions.inner(template)).ifPresent(error -> problems.add(
                new Problem(
                        ProblemCode.INVALID_EXPRESSION,
                        "Expected " + field + " of step '" + step.id() + "' to be valid JSONata, but it does "
                                + "not parse: " + error + ". Fix the expression.",
                        step.id())));
    }

    private void invalid(String expected, String found, String todo) {
        problems.add(new Problem(
                ProblemCode.INVALID_FIELD,
                "Expected " + step.type().json() + " step '" + step.id() + "' to have " + expected
                        + ", but found " + found + ". " + todo,
                step.id()));
    }

    private static boolean httpUrl(String url) {
        if (blank(url)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean timestamp(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
