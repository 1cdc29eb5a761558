package market.so.sync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import market.so.sync.mail.TextRegion.Origin;
import org.junit.jupiter.api.Test;

/** Which addresses of a mail are shop candidates, in which order. */
class ShopUrlFinderTest {

    private final ShopUrlFinder finder = new ShopUrlFinder();

    private List<String> find(String body, String signature, String senderDomain) {
        return finder.find(List.of(new TextRegion(Origin.BODY, body), new TextRegion(Origin.SIGNATURE, signature)), senderDomain);
    }

    @Test
    void anIpAddressWrittenWithItsSchemeIsACandidateLikeAnyOtherAndComesFirstWhenItIsTheShop() {
        List<String> urls = find("Bonjour, ma boutique est à l'adresse http://203.0.113.7/boutique/fr/ (pas encore de nom de domaine).",
                "Suivez-nous : https://www.facebook.com/atelierun", "atelier-un.fr");

        assertThat(urls).first().isEqualTo("http://203.0.113.7/boutique");
        assertThat(urls).contains("atelier-un.fr");
    }

    @Test
    void anIpAddressWithAPortAndHttpsKeepsThem() {
        assertThat(find("Notre site : https://198.51.100.20:8443/shop", "", null)).containsExactly("https://198.51.100.20:8443/shop");
    }

    @Test
    void bareNumbersAndImpossibleAddressesAreNotShops() {
        assertThat(find("Version 1.7.8.11 de PrestaShop, prix 12.50.3.1, http://300.1.2.3/ et http://01.2.3.4/", "", null)).isEmpty();
        assertThat(ShopUrlFinder.isIpv4("203.0.113.7")).isTrue();
        assertThat(ShopUrlFinder.isIpv4("256.0.0.1")).isFalse();
        assertThat(ShopUrlFinder.isIpv4("1.2.3")).isFalse();
    }
}
