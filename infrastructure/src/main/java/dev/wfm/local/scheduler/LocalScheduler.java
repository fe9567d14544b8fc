package dev.wfm.local.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.template.FunctionSpec;
import dev.wfm.local.template.Intrinsics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fires the template's {@code Schedule} events as EventBridge does: a ScheduledEvent payload at
 * each period, aligned to the minute. Only {@code rate(...)} rules are needed by the template;
 * a {@code cron(...)} rule is refused at start so it is never silently skipped.
 */
public final class LocalScheduler implements AutoCloseable {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One schedule rule of the template. */
    public record Rule(String functionId, String ruleName, Duration period) {}

    private final List<Rule> rules;
    private final LambdaInvoker lambdas;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public LocalScheduler(List<FunctionSpec> functions, LambdaInvoker lambdas, Clock clock) {
        List<Rule> parsed = new ArrayList<>();
        for (FunctionSpec function : functions) {
            for (int i = 0; i < function.schedules().size(); i++) {
                parsed.add(new Rule(function.logicalId(), Intrinsics.STACK_NAME + "-" + function.logicalId() + "-" + i,
                        period(function.schedules().get(i))));
            }
        }
        this.rules = List.copyOf(parsed);
        this.lambdas = lambdas;
        this.clock = clock;
    }

    public List<Rule> rules() {
        return rules;
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        Instant now = clock.instant();
        for (Rule rule : rules) {
            Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
            long delay = Duration.between(now, next).toMillis();
            timer.scheduleAtFixedRate(() -> fire(rule, clock.instant()), delay, rule.period().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Delivers one ScheduledEvent for the rule at the given time; the function's answer is returned. */
    public LambdaResult fire(Rule rule, Instant time) {
        try {
            LambdaResult result = lambdas.invoke(rule.functionId(), MAPPER.writeValueAsBytes(event(rule, time)));
            if (result.functionError() != null) {
                System.err.println("local scheduler: " + rule.functionId() + " failed: " + new String(result.payload(), StandardCharsets.UTF_8));
            }
            return result;
        } catch (Exception e) {
            System.err.println("local scheduler: cannot invoke " + rule.functionId() + ": " + e.getMessage());
            return null;
        }
    }

    /** The EventBridge "Scheduled Event" payload. */
    public static ObjectNode event(Rule rule, Instant time) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", Intrinsics.ACCOUNT);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", Intrinsics.REGION);
        event.putArray("resources").add("arn:aws:events:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":rule/" + rule.ruleName());
        event.putObject("detail");
        return event;
    }

    static Duration period(String expression) {
        Matcher matcher = RATE.matcher(expression.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("The local scheduler runs rate(...) rules only; template.yaml has " + expression);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(amount);
            case "hour", "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
