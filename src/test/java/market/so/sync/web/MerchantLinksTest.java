package market.so.sync.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The signed links: what they grant, and every way one is refused. */
class MerchantLinksTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final MerchantLinks links = links("secret-one", NOW);

    private static MerchantLinks links(String secret, Instant now) {
        return new MerchantLinks(secret, Duration.ofDays(30), "https://pages.so.market/", Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aShopLinkOpensThatShopForThirtyDays() {
        String token = links.token(MerchantLink.Purpose.SHOP, 42L);
        assertThat(token).startsWith("s.42.").matches("[a-z0-9._-]+" + "[A-Za-z0-9_-]{43}");
        MerchantLink link = links.verify(token);
        assertThat(link).isEqualTo(new MerchantLink(MerchantLink.Purpose.SHOP, 42L, NOW.plus(Duration.ofDays(30))));
        assertThat(links.url(token, "categories")).isEqualTo("https://pages.so.market/merchant/" + token + "/categories");
        assertThat(links("secret-one", NOW.plus(Duration.ofDays(30)).minusSeconds(1)).verify(token).shopId()).isEqualTo(42L);
    }

    @Test
    void aConnectLinkNamesNoShop() {
        MerchantLink link = links.verify(links.token(MerchantLink.Purpose.CONNECT, null));
        assertThat(link.purpose()).isEqualTo(MerchantLink.Purpose.CONNECT);
        assertThat(link.shopId()).isNull();
        assertThat(links.categoriesUrl(null)).contains("/merchant/c.0.").endsWith("/connect");
    }

    @Test
    void anExpiredLinkSaysWhenItExpired() {
        String token = links.token(MerchantLink.Purpose.SHOP, 7L);
        assertThatThrownBy(() -> links("secret-one", NOW.plus(Duration.ofDays(30))).verify(token))
            .isInstanceOfSatisfying(LinkRefused.class, e -> {
                assertThat(e.why()).isEqualTo(LinkRefused.Why.EXPIRED);
                assertThat(e.expiredAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
            });
    }

    @Test
    void aChangedShopExpiryPurposeOrSignatureIsRefused() {
        String token = links.token(MerchantLink.Purpose.SHOP, 42L);
        String[] parts = token.split("\\.");
        assertInvalid("s.43." + parts[2] + "." + parts[3]);
        assertInvalid("s.42." + (Long.parseLong(parts[2]) + 86400) + "." + parts[3]);
        assertInvalid("c.42." + parts[2] + "." + parts[3]);
        assertInvalid(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"));
        assertInvalid(token.substring(0, token.length() - 2));
        assertInvalid("");
        assertInvalid(null);
        assertInvalid("s.42.99999999999999.x");
        assertThatThrownBy(() -> links("secret-two", NOW).verify(token)).as("another secret").isInstanceOf(LinkRefused.class);
    }

    private void assertInvalid(String token) {
        assertThatThrownBy(() -> links.verify(token)).isInstanceOfSatisfying(LinkRefused.class,
            e -> assertThat(e.why()).isEqualTo(LinkRefused.Why.INVALID));
    }

    @Test
    void aShopLinkNeedsAShop() {
        assertThatThrownBy(() -> links.token(MerchantLink.Purpose.SHOP, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
