package dev.wfm.local.stepfunctions.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * One compiled state of a JSONata-mode definition. Templates are null where the definition omits
 * the field; {@code next} is null for a state that ends its graph.
 */
public sealed interface State {

    String name();

    /** The prefix of the state's history event types, as in "TaskStateEntered". */
    String eventPrefix();

    /** Every state this one can go to next, Catch targets included. */
    List<String> transitions();

    private static List<String> transitions(String next, List<Catcher> catchers) {
        List<String> targets = new ArrayList<>();
        if (next != null) {
            targets.add(next);
        }
        catchers.forEach(catcher -> targets.add(catcher.next()));
        return targets;
    }

    record TaskState(String name, String next, TaskResource resource, Template arguments, Template output,
            Template assign, Template timeoutSeconds, Template heartbeatSeconds, List<Retrier> retriers,
            List<Catcher> catchers) implements State {
        @Override
        public String eventPrefix() {
            return "Task";
        }

        @Override
        public List<String> transitions() {
            return State.transitions(next, catchers);
        }
    }

    record PassState(String name, String next, Template output, Template assign) implements State {
        @Override
        public String eventPrefix() {
            return "Pass";
        }

        @Override
        public List<String> transitions() {
            return State.transitions(next, List.of());
        }
    }

    record ChoiceState(String name, List<ChoiceRule> rules, String defaultNext, Template output, Template assign)
            implements State {
        @Override
        public String eventPrefix() {
            return "Choice";
        }

        @Override
        public List<String> transitions() {
            List<String> targets = new ArrayList<>();
            rules.forEach(rule -> targets.add(rule.next()));
            if (defaultNext != null) {
                targets.add(defaultNext);
            }
            return targets;
        }
    }

    /** A rule's own Output and Assign replace the state's when the rule matches. */
    record ChoiceRule(Template condition, String next, Template output, Template assign) {}

    /** Exactly one of seconds and timestamp is set. */
    record WaitState(String name, String next, Template seconds, Template timestamp, Template output, Template assign)
            implements State {
        @Override
        public String eventPrefix() {
            return "Wait";
        }

        @Override
        public List<String> transitions() {
            return State.transitions(next, List.of());
        }
    }

    record SucceedState(String name, Template output) implements State {
        @Override
        public String eventPrefix() {
            return "Succeed";
        }

        @Override
        public List<String> transitions() {
            return List.of();
        }
    }

    record FailState(String name, Template error, Template cause) implements State {
        @Override
        public String eventPrefix() {
            return "Fail";
        }

        @Override
        public List<String> transitions() {
            return List.of();
        }
    }

    record ParallelState(String name, String next, List<StateGraph> branches, Template arguments, Template output,
            Template assign, List<Retrier> retriers, List<Catcher> catchers) implements State {
        @Override
        public String eventPrefix() {
            return "Parallel";
        }

        @Override
        public List<String> transitions() {
            return State.transitions(next, catchers);
        }
    }

    record MapState(String name, String next, StateGraph processor, Template items, Template itemSelector,
            Template maxConcurrency, Template output, Template assign, List<Retrier> retriers, List<Catcher> catchers)
            implements State {
        @Override
        public String eventPrefix() {
            return "Map";
        }

        @Override
        public List<String> transitions() {
            return State.transitions(next, catchers);
        }
    }

    /** The integrations this service runs. */
    record TaskResource(String arn, Kind kind) {
        public enum Kind { LAMBDA_INVOKE, LAMBDA_INVOKE_WAIT_FOR_TOKEN, LAMBDA_FUNCTION }

        static final String LAMBDA_INVOKE_ARN = "arn:aws:states:::lambda:invoke";
        static final String LAMBDA_INVOKE_WAIT_ARN = "arn:aws:states:::lambda:invoke.waitForTaskToken";
    }

    record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
            Integer maxDelaySeconds, boolean fullJitter) {}

    record Catcher(List<String> errorEquals, String next, Template output, Template assign) {}
}
