package dev.wfm.local.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and p99 of measured durations, printed in milliseconds. */
public final class Stats {
    private final List<Long> nanos = new ArrayList<>();

    public static Stats of(List<Long> elapsedNanos) {
        Stats stats = new Stats();
        elapsedNanos.forEach(stats::add);
        return stats;
    }

    public void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    /** Adds the durations {@code other} measured. */
    public void add(Stats other) {
        nanos.addAll(other.nanos);
    }

    public double medianMillis() {
        return percentile(50);
    }

    public double percentileMillis(double p) {
        return percentile(p);
    }

    private double percentile(double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000.0;
    }

    public String line(String what) {
        return String.format("%-58s n=%-5d median %9.3f ms   p99 %9.3f ms", what, nanos.size(), medianMillis(), percentile(99));
    }
}
