package market.so.sync.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the shop finder makes of the addresses merchants paste while they follow the guide. */
class ShopAddressTest {

    @Test
    void aShopsOwnPagesLeaveItsFoldersToWalk() {
        assertThat(ShopAddress.parse("  https://www.monsiteweb.com/fr/  ")).isEqualTo(
            new ShopAddress("https", "www.monsiteweb.com", List.of("fr")));
        assertThat(ShopAddress.parse("https://shop.fr/boutique/fr/hommes/1-hummingbird-printed-t-shirt.html"))
            .isEqualTo(new ShopAddress("https", "shop.fr", List.of("boutique", "fr", "hommes")));
        assertThat(ShopAddress.parse("http://shop.fr:8089/index.php?id_product=1&controller=product"))
            .isEqualTo(new ShopAddress("http", "shop.fr:8089", List.of()));
        assertThat(ShopAddress.parse("http://shop.fr/a/b/c/d/e/f/g/h").folders()).hasSize(6);
    }

    @Test
    void aMissingSchemeTriesHttpsThenHttp() {
        ShopAddress bare = ShopAddress.parse("monsiteweb.com");
        assertThat(bare.schemeGiven()).isFalse();
        assertThat(bare.schemes()).containsExactly("https", "http");
        assertThat(bare.display()).isEqualTo("https://monsiteweb.com");
        assertThat(ShopAddress.parse("real-ps.test:8089").base("http", 0)).isEqualTo("http://real-ps.test:8089");
        assertThat(ShopAddress.parse("http://monsiteweb.com").schemes()).containsExactly("http");
    }

    @Test
    void theBackOfficeFolderAndItsTokenAreCutOffBeforeAnything() {
        for (String pasted : List.of(
                "https://shop.fr/admin123xyz/index.php?controller=AdminWebservice&token=0123456789abcdef",
                "https://shop.fr/admin123xyz/?token=0123456789abcdef",
                "https://shop.fr/admin123xyz/index.php/configure/advanced/webservice/?_token=AbCdEf")) {
            ShopAddress address = ShopAddress.parse(pasted);
            assertThat(address.display()).isEqualTo("https://shop.fr");
            assertThat(address.toString()).doesNotContain("admin123xyz").doesNotContain("oken");
        }
        assertThat(ShopAddress.parse("https://shop.fr/boutique/admin42/index.php?controller=AdminWebservice&token=x")
            .display()).isEqualTo("https://shop.fr/boutique");
    }

    @Test
    void whatIsNoShopAddressIsRefused() {
        assertThatThrownBy(() -> ShopAddress.parse("   ")).isInstanceOf(ShopUrl.InvalidShopUrl.class);
        assertThatThrownBy(() -> ShopAddress.parse("ftp://shop.fr")).isInstanceOf(ShopUrl.InvalidShopUrl.class);
    }
}
