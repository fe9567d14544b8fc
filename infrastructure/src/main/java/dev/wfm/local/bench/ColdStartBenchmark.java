package dev.wfm.local.bench;

import dev.wfm.local.LocalCloud;
import dev.wfm.local.template.SamTemplate;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A function's cold init against a floor, in fresh JVMs with the same flags and class path: the
 * time from starting {@code java} to the first answer of the job API function ({@code GET} of a
 * job, {@link ColdStartProbe} {@code function}) over the time to build a DynamoDB client and read
 * that job's record ({@code floor}), in wall time and in the CPU time each JVM used until its answer
 * (steadier when the machine is busy). Runs alternate, so both see the same machine.
 * <pre>
 *   mvn -q -B package -DskipTests
 *   java -cp infrastructure/target/local-cloud.jar dev.wfm.local.bench.ColdStartBenchmark [--runs 10]
 * </pre>
 * The probes run on {@code functions/target/functions.jar} (the function jar as deployed) plus this
 * module's classes, with Lambda's Java flags ({@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}).
 */
public final class ColdStartBenchmark {
    private static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = LocalCloudBenchmark.option(args, "--runs", 10);
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, Files.createTempDirectory("wfm-bench"), true,
                SamTemplate.locate(Path.of(""))))) {
            measure(cloud, runs).lines().forEach(System.out::println);
        }
    }

    /** Cold starts of the floor and of the function, wall and CPU time, {@code runs} of each. */
    record Result(Stats floor, Stats function, Stats floorCpu, Stats functionCpu) {
        double wallRatio() {
            return function.medianMillis() / floor.medianMillis();
        }

        double cpuRatio() {
            return functionCpu.medianMillis() / floorCpu.medianMillis();
        }

        List<String> lines() {
            return List.of(floor.line("cold: build a DynamoDB client + one GetItem (floor)"),
                    function.line("cold: job API function, first GET of a job"),
                    String.format("%-58s %.2fx (medians)", "function / floor, wall time", wallRatio()),
                    floorCpu.line("CPU time to the answer: floor"),
                    functionCpu.line("CPU time to the answer: function"),
                    String.format("%-58s %.2fx (medians)", "function / floor, CPU time", cpuRatio()));
        }
    }

    /** {@code runs} pairs of probes (after one that warms the disk cache) on a job of a new item of the cloud. */
    static Result measure(LocalCloud cloud, int runs) throws Exception {
        Path functionsJar = Path.of("functions/target/functions.jar");
        if (!Files.exists(functionsJar)) {
            throw new IllegalStateException("Build first: mvn -q -B package -DskipTests (needs " + functionsJar + ")");
        }
        OneStepItem item = OneStepItem.create(cloud.endpoints().api(), cloud.adminToken(), "Cold start");
        String jobId = LocalCloudBenchmark.send("POST", cloud.endpoints().api().resolve("/items/" + item.itemId() + "/jobs"),
                cloud.adminToken(), "{\"jobTemplateId\": \"" + item.templateId() + "\"}").path("jobIds").path(0).asText();
        List<String> command = probeCommand(functionsJar);
        String table = System.getProperty("TABLE_NAME");
        Result result = new Result(new Stats(), new Stats(), new Stats(), new Stats());
        for (int run = 0; run < runs + 1; run++) {
            long[] floorRun = probe(command, "floor", table, item.itemId(), jobId);
            long[] functionRun = probe(command, "function", table, item.itemId(), jobId);
            if (run > 0) { // the first pair warms the disk cache
                result.floor().add(floorRun[0]);
                result.function().add(functionRun[0]);
                result.floorCpu().add(floorRun[1]);
                result.functionCpu().add(functionRun[1]);
            }
        }
        return result;
    }

    /**
     * How a probe is run: Lambda's flags, this JVM's cloud settings (the {@code aws.*} and upper-case
     * properties), and on the class path only the function jar and the probe: a fat jar
     * (local-cloud.jar) would make every class look-up dearer, and would hide a class the function jar lacks.
     */
    static List<String> probeCommand(Path functionsJar) throws Exception {
        Path probeClasses = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("aws.") || name.matches("[A-Z][A-Z0-9_]*"))
                .sorted()
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        String classPath = Files.isDirectory(probeClasses)
                ? functionsJar + File.pathSeparator + probeClasses
                : functionsJar + File.pathSeparator + extractProbe(probeClasses);
        command.addAll(List.of("-cp", classPath, ColdStartProbe.class.getName()));
        return command;
    }

    /** Wall time from starting the JVM to its answer, and the CPU time it used until then, in nanoseconds. */
    static long[] probe(List<String> command, String mode, String table, String itemId, String jobId) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(mode, table, itemId, jobId));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String answer = out.readLine();
            long elapsed = System.nanoTime() - started;
            String cpu = out.readLine();
            process.waitFor();
            if (!"200".equals(answer) || cpu == null) {
                throw new IllegalStateException("The " + mode + " probe answered " + answer);
            }
            return new long[] {elapsed, Long.parseLong(cpu.strip())};
        }
    }

    /** The probe class out of the local cloud jar into a folder of its own. */
    private static Path extractProbe(Path jar) throws Exception {
        Path folder = Files.createTempDirectory("wfm-probe");
        String entry = ColdStartProbe.class.getName().replace('.', '/') + ".class";
        Path target = folder.resolve(entry);
        Files.createDirectories(target.getParent());
        try (var in = ColdStartProbe.class.getClassLoader().getResourceAsStream(entry)) {
            Files.copy(in, target);
        }
        return folder;
    }
}
