package dev.wfm.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.wfm.common.Settings;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a JWT as the HTTP API's JWT authorizer does, for the routes that have no authorizer of
 * that kind (a WebSocket API's {@code $connect}): RS256 signed by a key of the issuer's JWKS, not
 * expired, from the issuer, for one of the audiences, naming its subject. The keys are fetched once
 * and cached for the container (refreshed when they expire or an unknown key id comes). The
 * identity is read from the claims flattened as API Gateway flattens them ({@link Identity#fromClaims}),
 * so a token's groups mean the same on both APIs.
 */
public final class TokenVerifier {
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public TokenVerifier(String issuer, List<String> audiences, URI jwks) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(jwks.toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("The issuer's key set URL " + jwks + " is not a URL", e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(audiences),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp"), Set.of()));
    }

    /** From template.yaml's JWT_ISSUER, JWT_AUDIENCE (comma separated) and JWT_JWKS_URL. */
    public static TokenVerifier fromEnvironment() {
        return new TokenVerifier(Settings.required("JWT_ISSUER"),
                Arrays.stream(Settings.required("JWT_AUDIENCE").split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList(),
                URI.create(Settings.required("JWT_JWKS_URL")));
    }

    /** The caller the token names, or empty when it is no valid token of the issuer for this API. */
    public Optional<Identity> verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Map<String, String> flattened = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> flattened.put(name, flatten(value)));
            return Optional.of(Identity.fromClaims(flattened));
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException invalid) {
            return Optional.empty();
        }
    }

    /** As API Gateway hands claims to a function: arrays as {@code [a b]}, times in epoch seconds. */
    private static String flatten(Object value) {
        if (value instanceof Collection<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        if (value instanceof Date date) {
            return Long.toString(date.toInstant().getEpochSecond());
        }
        return String.valueOf(value);
    }
}
