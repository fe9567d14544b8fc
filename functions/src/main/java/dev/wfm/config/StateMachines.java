package dev.wfm.config;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * Publishes compiled diagram versions as Step Functions state machines, one per version, named
 * {@code {prefix}{itemId}-{diagramId}-v{version}} (at most 80 characters, as AWS requires).
 */
public final class StateMachines {
    private final SfnClient sfn;
    private final String namePrefix;
    private final String roleArn;

    public StateMachines(SfnClient sfn, String namePrefix, String roleArn) {
        this.sfn = sfn;
        this.namePrefix = namePrefix;
        this.roleArn = roleArn;
    }

    public String name(String itemId, String diagramId, int version) {
        return namePrefix + itemId + "-" + diagramId + "-v" + version;
    }

    /** Creates the version's state machine and returns its ARN; an identical retry returns the same machine. */
    public String publish(String name, String definition) {
        if (roleArn == null) {
            throw new IllegalStateException("STATES_ROLE_ARN must be set to publish state machines");
        }
        return sfn.createStateMachine(builder -> builder.name(name).definition(definition).roleArn(roleArn)).stateMachineArn();
    }

    public String definition(String stateMachineArn) {
        return sfn.describeStateMachine(builder -> builder.stateMachineArn(stateMachineArn)).definition();
    }

    public void delete(String stateMachineArn) {
        try {
            sfn.deleteStateMachine(builder -> builder.stateMachineArn(stateMachineArn));
        } catch (StateMachineDoesNotExistException alreadyGone) {
            // deleting is idempotent
        }
    }
}
