package dev.wfm.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wfm.local.ApiClient;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.template.SamTemplate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The app's AWS sign-in, Cognito's hosted UI with the authorization-code flow and PKCE, against a
 * stand-in for the user pool's domain that checks what Cognito checks: the app is served with
 * {@code signIn.mode "cognito"}; {@code /oauth2/authorize} signs a user in and redirects back with
 * a code; {@code /oauth2/token} gives an ID token only for that code, client, redirect URI and the
 * verifier whose S256 hash was the challenge. The API calls go, same origin, to the test cloud's
 * HTTP API, so the ID token (the cloud's dev issuer stands in for the pool's) is used for real.
 */
class CognitoSignInBrowserTest {
    private static final String CLIENT_ID = "wfm-web-client";

    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private UserPoolDomain pool;

    @BeforeEach
    void startPool() throws IOException {
        pool = new UserPoolDomain(cloud, SamTemplate.locate(Path.of("")).toAbsolutePath().getParent().resolve("web"));
    }

    @AfterEach
    void stopPool() {
        pool.close();
    }

    @Test
    void aPersonSignsInThroughTheHostedUiWithPkceUsesTheApiWithTheIdTokenAndSignsOut() {
        String itemId = api.post("/items", cloud.adminToken(), "{\"name\": \"Cognito item\", \"roles\": {\"worker\": [\"field-crew\"]}}")
                .created().path("itemId").asText();
        try (Browser browser = Browser.open(URI.create(pool.origin))) {
            browser.driver.get(pool.origin + "/#/work");
            browser.await(d -> d.findElement(By.id("who")).getText().equals("casey (field-crew)") ? true : null);
            browser.find("#item-picker option[value='" + itemId + "']");

            Map<String, String> authorize = pool.authorizations.get(0);
            assertEquals("code", authorize.get("response_type"));
            assertEquals(CLIENT_ID, authorize.get("client_id"));
            assertEquals(pool.origin + "/", authorize.get("redirect_uri"));
            assertEquals("S256", authorize.get("code_challenge_method"));
            assertTrue(authorize.get("scope").contains("openid"), authorize.toString());
            assertTrue(authorize.get("state").length() >= 32, "an unguessable state");
            assertEquals(List.of("issued"), pool.exchanges, "one code, exchanged once, with the verifier of its challenge");
            String address = browser.driver.getCurrentUrl();
            assertTrue(address.startsWith(pool.origin + "/#/") && !address.contains("code=") && !address.contains("state="),
                    "the code and state are gone from the address bar: " + address);
            assertTrue(pool.apiAuthorizations.stream().allMatch(("Bearer " + pool.idTokens.get(0))::equals) && !pool.apiAuthorizations.isEmpty(),
                    "the API is called with the ID token");
            Object stored = ((JavascriptExecutor) browser.driver).executeScript(
                    "return [document.cookie, Object.keys(sessionStorage).sort().join(',')];");
            assertEquals(List.of("", "wfm.token"), stored, "the token is in session storage, never a cookie; the verifier and state are gone");
            browser.shoot("cognito-signed-in");

            browser.click("#sign-out");
            browser.await(d -> pool.logouts.isEmpty() ? null : true);
            assertEquals(Map.of("client_id", CLIENT_ID, "logout_uri", pool.origin + "/"), pool.logouts.get(0));
        }
    }

    @Test
    void aRedirectTheAppDidNotStartIsNotExchangedAndSignInStartsAfresh() {
        try (Browser browser = Browser.open(URI.create(pool.origin))) {
            String forged = pool.codeFor("mallory");
            browser.driver.get(pool.origin + "/?code=" + forged + "&state=forged#/work");
            browser.await(d -> d.findElement(By.id("who")).getText().equals("casey (field-crew)") ? true : null);

            assertEquals(List.of("issued"), pool.exchanges, "only the code of the app's own sign-in was exchanged");
            assertFalse(pool.exchangedCodes.contains(forged), "a code arriving with a state the app never made is dropped");
        }
    }

    @Test
    void aRefusedCodeExchangeIsShownAndDoesNotSendThePersonRoundAgain() {
        pool.refuseExchanges = true;
        try (Browser browser = Browser.open(URI.create(pool.origin))) {
            browser.driver.get(pool.origin + "/#/work");
            String shown = browser.text("#view p.error");

            assertTrue(shown.contains("the sign-in was refused (invalid_grant)"), shown);
            assertEquals(List.of("refused"), pool.exchanges);
            assertEquals(1, pool.authorizations.size(), "no loop back to the hosted UI");
            assertEquals("", browser.text("#who"));
        }
    }

    /**
     * The user pool's domain as the app meets it, plus the app's files and the API on the same
     * origin (as CloudFront would serve both): every person who signs in is {@code casey} of
     * {@code field-crew}.
     */
    private static final class UserPoolDomain implements AutoCloseable {
        final String origin;
        final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
        final List<String> exchanges = new CopyOnWriteArrayList<>();
        final List<String> exchangedCodes = new CopyOnWriteArrayList<>();
        final List<String> idTokens = new CopyOnWriteArrayList<>();
        final List<String> apiAuthorizations = new CopyOnWriteArrayList<>();
        final List<Map<String, String>> logouts = new CopyOnWriteArrayList<>();
        /** Code → the authorization it was given for (its challenge and redirect URI), until exchanged. */
        private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
        private final LocalCloud cloud;
        private final Path web;
        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        /** The pool refuses every code, as it does one expired or used already. */
        volatile boolean refuseExchanges;

        UserPoolDomain(LocalCloud cloud, Path web) throws IOException {
            this.cloud = cloud;
            this.web = web;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
            origin = "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** A code the pool issued for someone else's sign-in, as an attacker would hold one. */
        String codeFor(String user) {
            String code = UUID.randomUUID().toString();
            codes.put(code, Map.of("client_id", CLIENT_ID, "redirect_uri", origin + "/", "code_challenge", "not-the-apps", "user", user));
            return code;
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
                if (path.equals("/config.json")) {
                    answer(exchange, 200, "application/json", ("{\"api\": \"" + origin + "/api\", \"websocket\": null, \"signIn\": "
                            + "{\"mode\": \"cognito\", \"domain\": \"" + origin + "\", \"clientId\": \"" + CLIENT_ID + "\"}}").getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/oauth2/authorize")) {
                    authorizations.add(query);
                    String code = UUID.randomUUID().toString();
                    codes.put(code, query);
                    exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                            + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(302, -1);
                } else if (path.equals("/oauth2/token") && exchange.getRequestMethod().equals("POST")) {
                    token(exchange);
                } else if (path.equals("/logout")) {
                    logouts.add(query);
                    answer(exchange, 200, "text/plain", "Signed out".getBytes(StandardCharsets.UTF_8));
                } else if (path.startsWith("/api/")) {
                    proxy(exchange, path.substring("/api".length()));
                } else {
                    file(exchange, path);
                }
            }
        }

        /** The authorization-code grant as Cognito checks it, PKCE S256 included. */
        private void token(HttpExchange exchange) throws IOException {
            Map<String, String> grant = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String code = grant.getOrDefault("code", "");
            exchangedCodes.add(code);
            Map<String, String> given = codes.remove(code);
            boolean valid = !refuseExchanges && given != null && "authorization_code".equals(grant.get("grant_type"))
                    && CLIENT_ID.equals(grant.get("client_id")) && given.get("redirect_uri").equals(grant.get("redirect_uri"))
                    && given.get("code_challenge").equals(s256(grant.getOrDefault("code_verifier", "")));
            if (!valid) {
                exchanges.add("refused");
                answer(exchange, 400, "application/json", "{\"error\": \"invalid_grant\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            exchanges.add("issued");
            String idToken = cloud.token("casey", List.of("field-crew"));
            idTokens.add(idToken);
            answer(exchange, 200, "application/json", ("{\"id_token\": \"" + idToken + "\", \"access_token\": \"opaque\", "
                    + "\"token_type\": \"Bearer\", \"expires_in\": 3600}").getBytes(StandardCharsets.UTF_8));
        }

        private void proxy(HttpExchange exchange, String rest) throws IOException {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            apiAuthorizations.add(authorization == null ? "" : authorization);
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.endpoints().api() + rest + (query == null ? "" : "?" + query)))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                request.header("Content-Type", type);
            }
            try {
                HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer(exchange, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/json"), answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        private void file(HttpExchange exchange, String path) throws IOException {
            Path file = web.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            if (!file.startsWith(web) || !Files.isRegularFile(file)) {
                answer(exchange, 404, "text/plain", new byte[0]);
                return;
            }
            String name = file.getFileName().toString();
            String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css"
                    : name.endsWith(".svg") ? "image/svg+xml" : "text/html; charset=utf-8";
            answer(exchange, 200, type, Files.readAllBytes(file));
        }

        private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }

        private static Map<String, String> form(String encoded) {
            if (encoded == null || encoded.isEmpty()) {
                return Map.of();
            }
            return java.util.Arrays.stream(encoded.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                    pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "", (a, b) -> b));
        }

        private static String s256(String verifier) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
