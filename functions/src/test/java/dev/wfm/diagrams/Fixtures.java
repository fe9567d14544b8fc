package dev.wfm.diagrams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON fixtures under src/test/resources/diagrams. */
final class Fixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final CompileTargets TARGETS = new CompileTargets(
            "arn:aws:lambda:us-east-1:123456789012:function:wfm-step-activation",
            "arn:aws:lambda:us-east-1:123456789012:function:wfm-step-worker");

    private Fixtures() {}

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/diagrams/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture diagrams/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        try {
            return MAPPER.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture that must read without shape problems. */
    static Diagram diagram(String name) {
        DiagramJson.Result read = DiagramJson.read(json(name));
        if (read.diagram() == null) {
            throw new AssertionError(name + " does not read: " + read.problems());
        }
        return read.diagram();
    }
}
