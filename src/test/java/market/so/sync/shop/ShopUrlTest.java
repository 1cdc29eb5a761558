package market.so.sync.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShopUrlTest {

    @ParameterizedTest
    @CsvSource({
        "monsiteweb.com, https://monsiteweb.com",
        "www.MonSiteWeb.com/, https://www.monsiteweb.com",
        "https://monsiteweb.com///, https://monsiteweb.com",
        "http://monsiteweb.com:80/, http://monsiteweb.com",
        "https://monsiteweb.com:8443/boutique/, https://monsiteweb.com:8443/boutique",
        "https://monsiteweb.com/boutique/index.php?id_lang=2#top, https://monsiteweb.com/boutique",
        "https://monsiteweb.com/api/, https://monsiteweb.com",
        "  HTTPS://Shop.Example.fr/fr/  , https://shop.example.fr/fr",
        "shop.example.fr:8080/ps, https://shop.example.fr:8080/ps"
    })
    void reducesWhatMerchantsTypeToOneCanonicalBase(String typed, String expected) {
        assertThat(ShopUrl.normalise(typed)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://shop.example.fr", "javascript:alert(1)", "mailto:a@b.fr",
        "gopher://shop.example.fr", "", "   ", "https://", "https://user:KEY@shop.example.fr", "notahost"})
    void refusesWhatIsNotAnHttpShopAddress(String typed) {
        assertThatThrownBy(() -> ShopUrl.normalise(typed)).isInstanceOf(ShopUrl.InvalidShopUrl.class);
    }
}
