package dev.wfm.config;

import dev.wfm.common.Ids;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * Publishes compiled diagram versions as Step Functions state machines, one per version, named
 * {@code {prefix}{itemId}-{diagramId}-v{version}-{attempt}} (at most 80 characters, as AWS
 * requires). The attempt part is random: two admins publishing the same version number at once
 * each create a machine of their own, so the one who loses the race deletes only its own, and a
 * machine left behind by a publisher that crashed never blocks the next one.
 */
public final class StateMachines {
    private static final int ATTEMPT_CHARS = 6;

    /** Built on first use: a function that never publishes never loads the Step Functions client. */
    private final Supplier<SfnClient> sfn;
    private final String namePrefix;
    private final String roleArn;

    public StateMachines(Supplier<SfnClient> sfn, String namePrefix, String roleArn) {
        this.sfn = sfn;
        this.namePrefix = namePrefix;
        this.roleArn = roleArn;
    }

    public String name(String itemId, String diagramId, int version) {
        return namePrefix + itemId + "-" + diagramId + "-v" + version + "-" + Ids.random(ATTEMPT_CHARS);
    }

    /** Creates the version's state machine and returns its ARN. */
    public String publish(String name, String definition) {
        if (roleArn == null) {
            throw new IllegalStateException("STATES_ROLE_ARN must be set to publish state machines");
        }
        return sfn.get().createStateMachine(builder -> builder.name(name).definition(definition).roleArn(roleArn)).stateMachineArn();
    }

    public String definition(String stateMachineArn) {
        return sfn.get().describeStateMachine(builder -> builder.stateMachineArn(stateMachineArn)).definition();
    }

    public void delete(String stateMachineArn) {
        try {
            sfn.get().deleteStateMachine(builder -> builder.stateMachineArn(stateMachineArn));
        } catch (StateMachineDoesNotExistException alreadyGone) {
            // deleting is idempotent
        }
    }
}
