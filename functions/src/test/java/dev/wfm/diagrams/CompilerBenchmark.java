package dev.wfm.diagrams;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Median compile time (validation included) and definition size for generated diagrams of
 * manual steps, two-answer questions and forks. Not a test: run its {@code main} with the test
 * classpath.
 */
public final class CompilerBenchmark {
    private static final int[] SIZES = {10, 100, 1000, 2000};

    private CompilerBenchmark() {}

    public static void main(String[] args) {
        Diagram[] diagrams = Arrays.stream(SIZES)
                .mapToObj(size -> GeneratedDiagrams.branching(size, 42)).toArray(Diagram[]::new);
        for (int round = 0; round < 5; round++) {
            for (Diagram diagram : diagrams) {
                AslCompiler.compile(diagram, Fixtures.TARGETS); // warm the JIT up
            }
        }
        System.out.printf("%8s %8s %8s %12s %14s%n", "steps", "paths", "runs", "median ms", "ASL bytes");
        for (Diagram diagram : diagrams) {
            int runs = Math.max(11, 20_000 / diagram.steps().size());
            long[] nanos = new long[runs];
            String asl = "";
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                asl = AslCompiler.compile(diagram, Fixtures.TARGETS);
                nanos[run] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("%8d %8d %8d %12.3f %,14d%n", diagram.steps().size(),
                    diagram.paths().size(), runs, nanos[runs / 2] / 1e6,
                    asl.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
