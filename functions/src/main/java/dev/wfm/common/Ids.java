package dev.wfm.common;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Opaque, URL-safe ids that sort by creation time (48-bit millisecond prefix, 80 random bits,
 * Crockford base32 like ULID), so listings keyed by id come back oldest first.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String newId() {
        return newId(Instant.now());
    }

    /** {@code chars} random characters of the same alphabet, for names that must differ between attempts. */
    public static String random(int chars) {
        char[] out = new char[chars];
        for (int i = 0; i < chars; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    public static String newId(Instant time) {
        char[] out = new char[26];
        long millis = time.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
            low = (low << 8) | (random[i + 5] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }
}
