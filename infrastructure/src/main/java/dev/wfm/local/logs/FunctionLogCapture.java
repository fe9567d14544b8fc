package dev.wfm.local.logs;

import dev.wfm.common.Log;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * What Lambda does with a function's standard error, for the functions this process runs: each
 * line a function writes while it runs an invocation (or works for one on a pool's thread, as
 * {@code Log} knows) goes to the function's log group, stream {@code yyyy/MM/dd/{function}[$LATEST]local},
 * in {@link LocalCloudWatchLogs}, and on to the console as before. Installed over {@code System.err}
 * while the local cloud runs; lines of no invocation (the local services' own) are not a
 * function's and stay on the console only.
 */
public final class FunctionLogCapture extends PrintStream implements AutoCloseable {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final PrintStream console;
    private final LocalCloudWatchLogs logs;
    private final Map<String, String> logGroups;
    private final Clock clock;
    private volatile boolean capturing = true;

    private FunctionLogCapture(PrintStream console, LocalCloudWatchLogs logs, Map<String, String> logGroups, Clock clock) {
        super(console, true);
        this.console = console;
        this.logs = logs;
        this.logGroups = Map.copyOf(logGroups);
        this.clock = clock;
    }

    /** Installs the capture over {@code System.err}; {@code logGroups} names each function's group by logical id. */
    public static FunctionLogCapture install(LocalCloudWatchLogs logs, Map<String, String> logGroups, Clock clock) {
        FunctionLogCapture capture = new FunctionLogCapture(System.err, logs, logGroups, clock);
        System.setErr(capture);
        return capture;
    }

    @Override
    public void println(String line) {
        keep(line);
        super.println(line);
    }

    @Override
    public void println(Object line) {
        keep(String.valueOf(line));
        super.println(line);
    }

    private void keep(String line) {
        String function = capturing ? Log.function() : null;
        String group = function == null ? null : logGroups.get(function);
        if (group != null) {
            logs.append(group, DAY.format(clock.instant()) + "/" + function + "[$LATEST]local", line);
        }
    }

    /** Gives standard error back (when nothing installed over this since; else this only stops keeping lines). */
    @Override
    public void close() {
        capturing = false;
        if (System.err == this) {
            System.setErr(console);
        }
    }
}
