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
        "shop.example.fr:8080/ps, https://shop.example.fr:8080/ps",
        // numeric hosts written as the URL standard serialises them: the address a browser would call
        "http://0177.0.0.1/, http://127.0.0.1",
        "http://0x7f.1:8080/shop/, http://127.0.0.1:8080/shop",
        "http://127.1/, http://127.0.0.1",
        "http://127.0.0.1./, http://127.0.0.1",
        "http://2130706433/, http://127.0.0.1",
        "http://0x5DB8D822, http://93.184.216.34",
        "http://[::127.0.0.1]/, http://[::7f00:1]",
        "http://[0:0:0:0:0:FFFF:7F00:1]/, http://127.0.0.1",
        "https://[2A00:1450:4007:080A:0:0:0:200E]:8443/, https://[2a00:1450:4007:80a::200e]:8443"
    })
    void reducesWhatMerchantsTypeToOneCanonicalBase(String typed, String expected) {
        assertThat(ShopUrl.normalise(typed)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://shop.example.fr", "javascript:alert(1)", "mailto:a@b.fr",
        "gopher://shop.example.fr", "", "   ", "https://", "https://user:KEY@shop.example.fr", "notahost",
        "http://user:KEY@0x7f.1/", "http://1.2.3.4.5/", "http://256.1.1.1/", "http://0x7f.1:99999/", "http://08.1/"})
    void refusesWhatIsNotAnHttpShopAddress(String typed) {
        assertThatThrownBy(() -> ShopUrl.normalise(typed)).isInstanceOf(ShopUrl.InvalidShopUrl.class);
    }
}
