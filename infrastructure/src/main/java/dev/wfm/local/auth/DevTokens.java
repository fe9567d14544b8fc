package dev.wfm.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local cloud's stand-in for the JWT issuer (Cognito in AWS): signs RS256 dev tokens with its
 * own key and verifies them the way API Gateway's JWT authorizer does (signature, expiry,
 * issuer, audience). The key is kept in the data folder so tokens outlive a restart.
 */
public final class DevTokens {
    public static final String ISSUER = "https://local.wfm.dev/issuer";
    public static final String AUDIENCE = "wfm-local";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final RSAKey key;
    private final RSASSAVerifier verifier;
    private final Clock clock;

    private DevTokens(RSAKey key, Clock clock) throws JOSEException {
        this.key = key;
        this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
        this.clock = clock;
    }

    /** Loads the key from {@code keyFile}, creating it first. */
    public static DevTokens open(Path keyFile, Clock clock) throws IOException {
        try {
            if (Files.exists(keyFile)) {
                return new DevTokens(RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8)), clock);
            }
            RSAKey key = newKey();
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(keyFile.toAbsolutePath().getParent(), "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8);
            Files.move(temp, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new DevTokens(key, clock);
        } catch (JOSEException | ParseException e) {
            throw new IOException("Cannot use the dev signing key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static RSAKey newKey() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID("wfm-local").generate();
    }

    /** The public half of the signing key as a JWK set, as an issuer publishes it (its jwks_uri). */
    public String publicKeySet() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public String issue(String user, List<String> groups, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("groups", groups)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a dev token", e);
        }
    }

    /**
     * The token's claims as API Gateway passes them to a function (strings; arrays flattened to
     * {@code [a b]}), or empty when the token is not valid for this API.
     */
    public Optional<Map<String, String>> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isBefore(now)
                    || (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(CLOCK_SKEW).isAfter(now))
                    || !ISSUER.equals(claims.getIssuer())
                    || claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)
                    || claims.getSubject() == null) {
                return Optional.empty();
            }
            Map<String, String> flattened = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> flattened.put(name, flatten(value)));
            return Optional.of(flattened);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String flatten(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        if (value instanceof Date date) {
            return Long.toString(date.toInstant().getEpochSecond());
        }
        return String.valueOf(value);
    }
}
