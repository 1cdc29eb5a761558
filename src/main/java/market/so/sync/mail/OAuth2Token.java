package market.so.sync.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The access token of one mail server's XOAUTH2 login, from the provider's token endpoint (RFC 6749 §4.4 client
 * credentials, or §6 refresh token when one is configured), kept until {@code refreshBefore} its expiry and then
 * fetched again at the next login. Jakarta Mail asks for it as the password of each connection.
 *
 * <p>Neither the secret, the refresh token nor the access token is ever logged or put in an exception message.
 */
final class OAuth2Token {

    private final OAuth2Client client;
    private final RestClient http;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    OAuth2Token(OAuth2Client client, RestClient http, Clock clock) {
        this.client = client;
        this.http = http;
        this.clock = clock;
    }

    /** The current token, fetched first when there is none or it is about to expire. */
    synchronized String accessToken() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        boolean refresh = client.refreshToken() != null && !client.refreshToken().isBlank();
        form.add("grant_type", refresh ? "refresh_token" : "client_credentials");
        if (refresh) {
            form.add("refresh_token", client.refreshToken());
        }
        form.add("client_id", client.clientId());
        if (client.clientSecret() != null && !client.clientSecret().isBlank()) {
            form.add("client_secret", client.clientSecret());
        }
        if (client.scope() != null && !client.scope().isBlank()) {
            form.add("scope", client.scope());
        }
        Instant asked = clock.instant();
        Map<?, ?> answer;
        try {
            answer = http.post().uri(client.tokenUri()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON).body(form).retrieve().body(Map.class);
        } catch (RestClientResponseException e) {
            // the provider's error code ("invalid_client", "invalid_grant") says what to fix; its body has no secret
            throw new IllegalStateException("OAuth2 token endpoint " + client.tokenUri() + " answered " + e.getStatusCode().value()
                    + ": " + errorOf(e.getResponseBodyAsString()), null);
        }
        Object value = answer == null ? null : answer.get("access_token");
        if (!(value instanceof String accessToken) || accessToken.isBlank()) {
            throw new IllegalStateException("OAuth2 token endpoint " + client.tokenUri() + " answered without an access_token");
        }
        long lifetime = answer.get("expires_in") instanceof Number seconds ? seconds.longValue()
                : answer.get("expires_in") instanceof String text && text.matches("\\d+") ? Long.parseLong(text) : 3600;
        token = accessToken;
        renewAt = asked.plusSeconds(lifetime).minus(client.refreshBefore());
    }

    private static String errorOf(String body) {
        java.util.regex.Matcher error = java.util.regex.Pattern.compile("\"error\"\\s*:\\s*\"([\\w.-]{1,60})\"").matcher(body);
        return error.find() ? error.group(1) : "no error code";
    }

    @Override
    public String toString() {
        return "OAuth2Token[" + client.tokenUri() + ", ****]";
    }
}
