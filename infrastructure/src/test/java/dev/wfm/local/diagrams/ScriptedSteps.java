package dev.wfm.local.diagrams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.lambda.LambdaResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The step activation and step worker functions of a compiled diagram, played from a script:
 * each human step answers with its next scripted return code, each automated step returns or
 * fails as scripted, and every visit is recorded in order, so a test can assert the exact path
 * an execution took through the generated ASL.
 */
final class ScriptedSteps implements LambdaInvoker {
    static final String ACTIVATION = "arn:aws:lambda:us-east-1:000000000000:function:Activation";
    static final String WORKER = "arn:aws:lambda:us-east-1:000000000000:function:Worker";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Deque<String>> answers = new HashMap<>();
    private final Map<String, Deque<String>> decisions = new HashMap<>();
    private final List<String> visits = Collections.synchronizedList(new ArrayList<>());
    private final ObjectNode job;
    private Consumer<String[]> answerToken;

    ScriptedSteps(ObjectNode job) {
        this.job = job;
    }

    /** How a token is answered: {token, output JSON}; set once the SfnClient exists. */
    void answerWith(Consumer<String[]> sendTaskSuccess) {
        this.answerToken = sendTaskSuccess;
    }

    /** The next visits of {@code stepId} answer these return codes (null = none); for automated steps "!error" fails. */
    ScriptedSteps script(String stepId, String... returnCodes) {
        answers.computeIfAbsent(stepId, id -> new ArrayDeque<>()).addAll(List.of(returnCodes));
        return this;
    }

    /** The decisions a person makes when {@code stepId} failed: "retry" or "skip:<returnCode>". */
    ScriptedSteps decide(String stepId, String... choices) {
        decisions.computeIfAbsent(stepId, id -> new ArrayDeque<>()).addAll(List.of(choices));
        return this;
    }

    ObjectNode job() {
        return job;
    }

    List<String> visits() {
        return List.copyOf(visits);
    }

    @Override
    public LambdaResult invoke(String function, byte[] payloadJson) {
        try {
            JsonNode payload = MAPPER.readTree(payloadJson);
            String stepId = payload.path("stepId").asText();
            String action = payload.path("action").asText();
            switch (action) {
                case "activate" -> {
                    String code = next(answers, stepId);
                    visits.add(code == null ? stepId : stepId + "=" + code);
                    ObjectNode output = MAPPER.createObjectNode();
                    if (code != null) {
                        output.put("returnCode", code);
                    }
                    output.set("job", job);
                    answerLater(payload.path("taskToken").asText(), output);
                    return ok(MAPPER.createObjectNode());
                }
                case "failed" -> {
                    String decision = next(decisions, stepId);
                    visits.add("failed:" + stepId);
                    ObjectNode output = MAPPER.createObjectNode();
                    if (decision.startsWith("skip")) {
                        output.put("decision", "skip");
                        if (decision.contains(":")) {
                            output.put("returnCode", decision.substring(decision.indexOf(':') + 1));
                        }
                    } else {
                        output.put("decision", "retry");
                    }
                    output.set("job", job);
                    answerLater(payload.path("taskToken").asText(), output);
                    return ok(MAPPER.createObjectNode());
                }
                case "complete" -> {
                    visits.add("end:" + stepId);
                    return ok(MAPPER.createObjectNode());
                }
                case "work" -> {
                    String code = next(answers, stepId);
                    visits.add(code == null ? stepId : stepId + "=" + code);
                    if (code != null && code.startsWith("!")) {
                        ObjectNode error = MAPPER.createObjectNode().put("errorMessage", code.substring(1))
                                .put("errorType", "dev.wfm.jobs.runtime.StepWorker$WebRequestFailedException");
                        return new LambdaResult(MAPPER.writeValueAsBytes(error), "Unhandled", "$LATEST");
                    }
                    ObjectNode answer = MAPPER.createObjectNode().put("returnCode", code);
                    answer.putObject("result").put("status", 200);
                    answer.set("job", job);
                    return ok(answer);
                }
                default -> throw new IllegalArgumentException("unknown action " + action);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token is answered after the invocation returns, as a person would, later. */
    private void answerLater(String token, ObjectNode output) {
        CompletableFuture.runAsync(() -> answerToken.accept(new String[] {token, output.toString()}),
                CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
    }

    private static String next(Map<String, Deque<String>> script, String stepId) {
        Deque<String> queue = script.get(stepId);
        return queue == null || queue.isEmpty() ? null : queue.poll();
    }

    private static LambdaResult ok(JsonNode answer) throws Exception {
        return new LambdaResult(MAPPER.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8), null, "$LATEST");
    }
}
