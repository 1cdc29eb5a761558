package market.so.sync.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * XOAUTH2 for a mail server that takes no password (Microsoft 365, Google Workspace): where to get an access token
 * and with what ({@code somarket.mailbox.oauth2.*}, {@code somarket.smtp.oauth2.*}). With a {@code refreshToken} the
 * refresh-token grant is used (Google Workspace, or Microsoft 365 delegated), else client credentials (Microsoft 365
 * application access). The token is the password Jakarta Mail sends with {@code mail.<protocol>.auth.mechanisms=XOAUTH2}.
 *
 * @param refreshBefore a token is renewed this long before it expires, so that a poll never logs in with a token
 *                      that dies on the way
 */
public record OAuth2Client(String tokenUri, String clientId, String clientSecret, String refreshToken, String scope,
        @DefaultValue("2m") Duration refreshBefore) {

    public OAuth2Client {
        if (refreshBefore == null) {
            refreshBefore = Duration.ofMinutes(2);
        }
    }

    public boolean isConfigured() {
        return tokenUri != null && !tokenUri.isBlank();
    }

    @Override
    public String toString() {
        return "OAuth2Client[tokenUri=" + tokenUri + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "null" : "****") + ", refreshToken=" + (refreshToken == null ? "null" : "****")
                + ", scope=" + scope + "]";
    }
}
