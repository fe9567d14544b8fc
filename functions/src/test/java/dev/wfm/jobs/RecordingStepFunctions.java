package dev.wfm.jobs;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The Step Functions calls a job makes, recorded instead of sent: every call succeeds but an answer
 * to a used token, and an execution's status is what a test sets ({@code RUNNING} until then).
 */
public final class RecordingStepFunctions implements SfnClient {
    public final List<SendTaskSuccessRequest> answers = new ArrayList<>();
    public final List<StartExecutionRequest> starts = new ArrayList<>();
    public final List<StopExecutionRequest> stops = new ArrayList<>();
    public String executionStatus = "RUNNING";

    /** A token answered once is used, as Step Functions has it: answering it again fails and changes nothing. */
    @Override
    public synchronized SendTaskSuccessResponse sendTaskSuccess(SendTaskSuccessRequest request) {
        if (answers.stream().anyMatch(answered -> answered.taskToken().equals(request.taskToken()))) {
            throw TaskTimedOutException.builder().message("Task Timed Out: 'Provided task does not exist anymore'").build();
        }
        answers.add(request);
        return SendTaskSuccessResponse.builder().build();
    }

    @Override
    public synchronized StartExecutionResponse startExecution(StartExecutionRequest request) {
        starts.add(request);
        return StartExecutionResponse.builder().build();
    }

    @Override
    public synchronized StopExecutionResponse stopExecution(StopExecutionRequest request) {
        stops.add(request);
        return StopExecutionResponse.builder().build();
    }

    @Override
    public DescribeExecutionResponse describeExecution(DescribeExecutionRequest request) {
        return DescribeExecutionResponse.builder().executionArn(request.executionArn()).status(executionStatus).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
