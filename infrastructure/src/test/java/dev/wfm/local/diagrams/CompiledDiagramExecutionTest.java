package dev.wfm.local.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.diagrams.AslCompiler;
import dev.wfm.diagrams.CompileTargets;
import dev.wfm.diagrams.DiagramJson;
import dev.wfm.local.Fixtures;
import dev.wfm.local.stepfunctions.StepFunctionsService;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Generated ASL, run on the local Step Functions service with scripted step outcomes: each test
 * asserts the exact sequence of steps an execution visited.
 */
class CompiledDiagramExecutionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CompileTargets TARGETS = new CompileTargets(ScriptedSteps.ACTIVATION, ScriptedSteps.WORKER);

    private StepFunctionsService service;
    private SfnClient sfn;

    @AfterEach
    void stop() {
        if (sfn != null) {
            sfn.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theApiExampleWalksTheQualityLoopThenBothPublishBranchesAndJoins() throws Exception {
        ScriptedSteps steps = new ScriptedSteps(job("High"))
                .script("review", "yes").script("qa", "fail", "pass").script("notify", "200");
        List<String> visits = run(Fixtures.text("diagrams/address-verification.json"), steps, null);
        assertEquals(List.of("define", "review=yes", "edit", "qa=fail", "edit", "qa=pass", "publish"), visits.subList(0, 7));
        assertEquals(Set.of("notify=200", "archive"), Set.copyOf(visits.subList(7, 9)), "the two publish branches, in either order");
        assertEquals("end:done", visits.get(9));
        assertEquals(10, visits.size());
    }

    @Test
    void theApiExampleEndsAtOnceWhenTheReviewSaysNo() throws Exception {
        ScriptedSteps steps = new ScriptedSteps(job("High")).script("review", "no");
        assertEquals(List.of("define", "review=no", "end:done"), run(Fixtures.text("diagrams/address-verification.json"), steps, null));
    }

    @Test
    void aLoopRunsUntilItsExitAnswer() throws Exception {
        String loop = """
                {"name": "Loop", "start": "work",
                 "steps": [{"id": "work", "name": "Work", "type": "manual"},
                           {"id": "check", "name": "Check", "type": "question", "question": "Done?",
                            "answers": [{"name": "Again", "value": "again"}, {"name": "Done", "value": "done"}]},
                           {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "work", "to": "check"}, {"from": "check", "to": "work", "returnCode": "again"},
                           {"from": "check", "to": "end", "returnCode": "done"}]}""";
        ScriptedSteps steps = new ScriptedSteps(job("Low")).script("check", "again", "again", "done");
        assertEquals(List.of("work", "check=again", "work", "check=again", "work", "check=done", "end:end"), run(loop, steps, null));
    }

    @Test
    void nestedForksJoinInsideOut() throws Exception {
        List<String> visits = run(NESTED, new ScriptedSteps(job("Low")), null);
        assertEquals("start", visits.get(0));
        assertEquals(Set.of("a", "b", "b1", "b2", "bJoin"), Set.copyOf(visits.subList(1, 6)));
        assertTrue(visits.indexOf("b") < visits.indexOf("b1") && visits.indexOf("b") < visits.indexOf("b2"),
                "the inner fork runs before its branches: " + visits);
        assertTrue(visits.indexOf("bJoin") > visits.indexOf("b1") && visits.indexOf("bJoin") > visits.indexOf("b2"),
                "the inner join runs after both inner branches: " + visits);
        assertEquals(List.of("join", "end:end"), visits.subList(6, 8));
        assertEquals(8, visits.size());
    }

    @Test
    void aQuestionWithThreeAnswersTakesTheChosenPath() throws Exception {
        String triage = """
                {"name": "Triage", "start": "triage",
                 "steps": [{"id": "triage", "name": "Triage", "type": "question", "question": "Severity?",
                            "answers": [{"name": "Low", "value": "low"}, {"name": "Medium", "value": "medium"}, {"name": "High", "value": "high"}]},
                           {"id": "queue", "name": "Queue it", "type": "manual"},
                           {"id": "schedule", "name": "Schedule it", "type": "manual"},
                           {"id": "escalate", "name": "Escalate", "type": "manual"},
                           {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "triage", "to": "queue", "returnCode": "low"},
                           {"from": "triage", "to": "schedule", "returnCode": "medium"},
                           {"from": "triage", "to": "escalate", "returnCode": "high"},
                           {"from": "queue", "to": "end"}, {"from": "schedule", "to": "end"}, {"from": "escalate", "to": "end"}]}""";
        assertEquals(List.of("triage=medium", "schedule", "end:end"), run(triage, new ScriptedSteps(job("Low")).script("triage", "medium"), null));
        assertEquals(List.of("triage=high", "escalate", "end:end"), run(triage, new ScriptedSteps(job("Low")).script("triage", "high"), null));
    }

    @Test
    void aConditionOnTheJobChoosesThePath() throws Exception {
        String routed = """
                {"name": "Routed", "start": "intake",
                 "steps": [{"id": "intake", "name": "Intake", "type": "manual"},
                           {"id": "fast", "name": "Fast lane", "type": "manual"},
                           {"id": "normal", "name": "Normal lane", "type": "manual"},
                           {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "intake", "to": "fast", "condition": "{% $job.priority = 'High' %}"},
                           {"from": "intake", "to": "normal"},
                           {"from": "fast", "to": "end"}, {"from": "normal", "to": "end"}]}""";
        assertEquals(List.of("intake", "fast", "end:end"), run(routed, new ScriptedSteps(job("High")), null));
        assertEquals(List.of("intake", "normal", "end:end"), run(routed, new ScriptedSteps(job("Low")), null));
    }

    @Test
    void anExecutionCanStartInsideAParallelBranch() throws Exception {
        ScriptedSteps steps = new ScriptedSteps(job("High")).script("notify", "200");
        List<String> visits = run(Fixtures.text("diagrams/address-verification.json"), steps, resumeAt("archive"));
        assertEquals(List.of("archive", "end:done"), visits, "the sibling branch (notify) counts as finished");
    }

    @Test
    void anExecutionEnteredAtStepsOfTwoBranchesRunsEachOfThemBeforeTheJoin() throws Exception {
        List<String> visits = run(NESTED, new ScriptedSteps(job("Low")), resumeAtAll("a", "b1"));
        assertEquals(Set.of("a", "b1"), Set.copyOf(visits.subList(0, 2)));
        assertEquals(List.of("bJoin", "join", "end:end"), visits.subList(2, 5), "b2's branch had reached the inner join");
        assertEquals(5, visits.size());
    }

    @Test
    void anExecutionEnteredInsideNestedParallelBlocksRunsEveryStepOfTheSet() throws Exception {
        List<String> visits = run(NESTED, new ScriptedSteps(job("Low")), resumeAtAll("a", "b1", "b2"));
        assertEquals(Set.of("a", "b1", "b2"), Set.copyOf(visits.subList(0, 3)));
        assertEquals(List.of("bJoin", "join", "end:end"), visits.subList(3, 6));
    }

    @Test
    void theFirstStepAsResumeAtAndTheRestAsResumeAlsoEnterTheSameSet() throws Exception {
        ObjectNode resume = resumeAt("b2");
        resume.putArray("resumeAlso").add("a");
        List<String> visits = run(NESTED, new ScriptedSteps(job("Low")), resume);
        assertEquals(Set.of("a", "b2"), Set.copyOf(visits.subList(0, 2)));
        assertEquals(List.of("bJoin", "join", "end:end"), visits.subList(2, 5));
    }

    @Test
    void aFailedStepOfTheSetWaitsForADecisionInsteadOfRunningAgain() throws Exception {
        ScriptedSteps steps = new ScriptedSteps(job("High")).decide("notify", "skip:200");
        ObjectNode resume = resumeAtAll("notify", "archive");
        resume.putArray("resumeFailed").add("notify");
        List<String> visits = run(Fixtures.text("diagrams/address-verification.json"), steps, resume);
        assertEquals(Set.of("failed:notify", "archive"), Set.copyOf(visits.subList(0, 2)), "notify is not called again: " + visits);
        assertEquals(List.of("end:done"), visits.subList(2, visits.size()));
    }

    @Test
    void aFailedAutomatedStepWaitsForADecisionAndIsRetriedThenSkipped() throws Exception {
        ScriptedSteps steps = new ScriptedSteps(job("High"))
                .script("review", "yes").script("qa", "pass").script("notify", "!500", "!500")
                .decide("notify", "retry", "skip:200");
        List<String> visits = run(Fixtures.text("diagrams/address-verification.json"), steps, null);
        List<String> notifyPart = visits.stream().filter(visit -> visit.contains("notify")).toList();
        assertEquals(List.of("notify=!500", "failed:notify", "notify=!500", "failed:notify"), notifyPart);
        assertEquals("end:done", visits.get(visits.size() - 1));
    }

    private static final String NESTED = """
            {"name": "Nested", "start": "start",
             "steps": [{"id": "start", "name": "Start", "type": "manual"},
                       {"id": "a", "name": "A", "type": "manual"},
                       {"id": "b", "name": "B fork", "type": "manual"},
                       {"id": "b1", "name": "B1", "type": "manual"},
                       {"id": "b2", "name": "B2", "type": "manual"},
                       {"id": "bJoin", "name": "B join", "type": "manual"},
                       {"id": "join", "name": "Join", "type": "manual"},
                       {"id": "end", "name": "End", "type": "end"}],
             "paths": [{"from": "start", "to": "a"}, {"from": "start", "to": "b"},
                       {"from": "b", "to": "b1"}, {"from": "b", "to": "b2"},
                       {"from": "b1", "to": "bJoin"}, {"from": "b2", "to": "bJoin"},
                       {"from": "a", "to": "join"}, {"from": "bJoin", "to": "join"},
                       {"from": "join", "to": "end"}]}""";

    /** Compiles the diagram, runs one execution (entered as {@code resume} says, when given) and answers the visits. */
    private List<String> run(String diagramJson, ScriptedSteps steps, ObjectNode resume) throws Exception {
        var read = DiagramJson.read(MAPPER.readTree(diagramJson));
        assertEquals(List.of(), read.problems());
        String definition = AslCompiler.compile(read.diagram(), TARGETS);
        if (service != null) {
            stop();
        }
        service = new StepFunctionsService(steps, null);
        sfn = SfnClient.builder().endpointOverride(service.start(0)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        SfnClient client = sfn;
        steps.answerWith(answer -> client.sendTaskSuccess(b -> b.taskToken(answer[0]).output(answer[1])));
        String machine = sfn.createStateMachine(b -> b.name("diagram-" + UUID.randomUUID()).definition(definition)
                .roleArn("arn:aws:iam::000000000000:role/local")).stateMachineArn();
        ObjectNode input = MAPPER.createObjectNode().put("itemId", "item").put("jobId", "job");
        input.set("job", steps.job());
        if (resume != null) {
            input.setAll(resume);
        }
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input(input.toString())).executionArn();
        long deadline = System.currentTimeMillis() + 20_000;
        DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(execution));
        while (described.status() == ExecutionStatus.RUNNING && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
            described = sfn.describeExecution(b -> b.executionArn(execution));
        }
        assertEquals(ExecutionStatus.SUCCEEDED, described.status(), described.toString() + " visits " + steps.visits());
        return steps.visits();
    }

    /** Where an execution is entered: {@code resumeAt} as runtimes before resume sets sent it, one step id. */
    private static ObjectNode resumeAt(String stepId) {
        return MAPPER.createObjectNode().put("resumeAt", stepId);
    }

    /** Where an execution is entered: every one of these steps. */
    private static ObjectNode resumeAtAll(String... stepIds) {
        ObjectNode resume = MAPPER.createObjectNode();
        List.of(stepIds).forEach(resume.putArray("resumeAt")::add);
        return resume;
    }

    private static ObjectNode job(String priority) {
        return MAPPER.createObjectNode().put("jobId", "job").put("priority", priority).put("revision", 1);
    }
}
