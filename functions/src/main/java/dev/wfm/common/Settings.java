package dev.wfm.common;

/**
 * Function configuration, read from the Lambda environment variables that template.yaml sets.
 * A JVM cannot change its own environment, so a host that runs several functions in one process
 * passes the same names as system properties instead; the environment wins when both exist.
 */
public final class Settings {
    private Settings() {}

    public static String required(String name) {
        String value = optional(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set; template.yaml sets it for every function that needs it");
        }
        return value;
    }

    public static String optional(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null ? fallback : value;
    }
}
