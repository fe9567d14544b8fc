package dev.wfm.local.stepfunctions.definition;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The functions Step Functions adds to JSONata, and a clock pinned per evaluation. */
final class AwsJsonataFunctions {

    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private AwsJsonataFunctions() {}

    static void register(Jsonata expression) {
        expression.registerFunction("partition", new Jsonata.JFunction((in, args) -> partition(args), "<an:a>"));
        expression.registerFunction("range", new Jsonata.JFunction((in, args) -> range(args), "<nnn:a>"));
        expression.registerFunction("hash", new Jsonata.JFunction((in, args) -> hash(args), "<ss:s>"));
        expression.registerFunction("random", new Jsonata.JFunction((in, args) -> random(args), "<n?:n>"));
        expression.registerFunction("uuid", new Jsonata.JFunction((in, args) -> UUID.randomUUID().toString(), "<:s>"));
        expression.registerFunction("parse", new Jsonata.JFunction((in, args) -> parse(args), "<s:j>"));
    }

    /**
     * dashjoin's $now() reads a per-thread timestamp that goes stale on pooled threads; these answer
     * the evaluation's own time instead.
     */
    static void bindClock(Jsonata.Frame frame, long nowMillis) {
        frame.bind("now", new Jsonata.JFunction((in, args) -> com.dashjoin.jsonata.Functions.dateTimeFromMillis(
                nowMillis, (String) arg(args, 0), (String) arg(args, 1)), "<s?s?:s>"));
        frame.bind("millis", new Jsonata.JFunction((in, args) -> nowMillis, "<:n>"));
    }

    private static Object arg(List<?> args, int index) {
        return args.size() > index ? args.get(index) : null;
    }

    private static List<Object> partition(List<?> args) {
        List<?> array = (List<?>) args.get(0);
        int size = ((Number) args.get(1)).intValue();
        if (size < 1) {
            throw new IllegalArgumentException("$partition: the size must be positive");
        }
        List<Object> chunks = new ArrayList<>();
        for (int i = 0; i < array.size(); i += size) {
            chunks.add(new ArrayList<>(array.subList(i, Math.min(array.size(), i + size))));
        }
        return chunks;
    }

    private static List<Object> range(List<?> args) {
        long start = ((Number) args.get(0)).longValue();
        long end = ((Number) args.get(1)).longValue();
        long step = ((Number) args.get(2)).longValue();
        if (step == 0) {
            throw new IllegalArgumentException("$range: the step must not be 0");
        }
        List<Object> values = new ArrayList<>();
        for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
            values.add(v);
        }
        return values;
    }

    private static String hash(List<?> args) throws NoSuchAlgorithmException {
        String algorithm = ((String) args.get(1)).toUpperCase(Locale.ROOT);
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("$hash: unsupported algorithm " + args.get(1));
        }
        byte[] digest = MessageDigest.getInstance(algorithm).digest(((String) args.get(0)).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private static double random(List<?> args) {
        Object seed = arg(args, 0);
        return seed == null ? ThreadLocalRandom.current().nextDouble() : new Random(((Number) seed).longValue()).nextDouble();
    }

    private static Object parse(List<?> args) throws JsonProcessingException {
        return JsonValues.parse((String) args.get(0));
    }
}
