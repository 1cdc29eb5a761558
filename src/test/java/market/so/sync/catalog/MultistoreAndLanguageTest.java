package market.so.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import market.so.sync.prestashop.xml.SafeXmlReader;
import market.so.sync.prestashop.xml.XmlNode;
import org.junit.jupiter.api.Test;

/**
 * The multistore and language choices of the sync, on answers recorded from the real shops
 * (src/test/resources/prestashop-VERSION-real/): a multistore 8.2.1 whose second shop, at
 * {@code /en-shop/}, has English as its default language, and a 9.0 whose default is English with no French.
 */
class MultistoreAndLanguageTest {

    @Test
    void theAddressOfEachShopOfAMultistoreGivesItsIdShop() {
        List<XmlNode> urls = rows("8.2.1", "multistore_shop_urls");
        assertThat(MultistoreShops.match(urls, "http://real-ps-821.test:8090")).isEqualTo(1);
        assertThat(MultistoreShops.match(urls, "http://real-ps-821.test:8090/")).isEqualTo(1);
        assertThat(MultistoreShops.match(urls, "http://real-ps-821.test:8090/en-shop")).isEqualTo(2);
        assertThat(MultistoreShops.match(urls, "https://REAL-PS-821.test:8090/en-shop/")).isEqualTo(2);
        assertThat(MultistoreShops.match(urls, "http://real-ps-821.test:8090/other")).isNull();
        assertThat(MultistoreShops.match(urls, "http://127.0.0.1:8090/en-shop")).isNull();
    }

    @Test
    void eachShopReadsItsOwnConfigurationAndTheGlobalOneElse() {
        List<XmlNode> rows = rows("8.2.1", "multistore_configurations");
        assertThat(CatalogReader.configuration(rows, 2)).containsEntry("PS_LANG_DEFAULT", "1")
            .containsEntry("PS_MULTISHOP_FEATURE_ACTIVE", "1").containsEntry("PS_CURRENCY_DEFAULT", "1");
        assertThat(CatalogReader.configuration(rows, 1)).containsEntry("PS_LANG_DEFAULT", "2");
        assertThat(CatalogReader.configuration(rows, null)).containsEntry("PS_LANG_DEFAULT", "2");
    }

    @Test
    void onlyTheShopsOwnStockRowsAreKept() {
        List<XmlNode> stock = rows("8.2.1", "multistore_stock_page");
        assertThat(stock).hasSize(116);
        assertThat(stock.stream().filter(r -> MultistoreShops.ourStockRow(r, 2)).count()).isEqualTo(58);
        assertThat(stock.stream().filter(r -> MultistoreShops.ourStockRow(r, 2))
            .allMatch(r -> r.longValue("id_shop") == 2)).isTrue();
    }

    @Test
    void theTextsAreInTheShopsDefaultLanguage() {
        List<XmlNode> french = rows("8.2.1", "multistore_languages"); // en = 1, fr = 2
        assertThat(CatalogReader.chooseLanguage(french, "2")).isEqualTo("2");
        assertThat(CatalogReader.chooseLanguage(french, "1")).as("English default of the second shop").isEqualTo("1");
        assertThat(CatalogReader.chooseLanguage(french, "9")).as("unknown default: French").isEqualTo("2");
        assertThat(CatalogReader.chooseLanguage(french, null)).isEqualTo("2");
        List<XmlNode> noFrench = rows("9.0.0", "sync_languages"); // en = 1 (default), uk = 2
        assertThat(CatalogReader.chooseLanguage(noFrench, "1")).isEqualTo("1");
        assertThat(CatalogReader.chooseLanguage(noFrench, "2")).isEqualTo("2");
        assertThat(CatalogReader.chooseLanguage(noFrench, null)).as("no default, no French: the first").isEqualTo("1");
    }

    private static List<XmlNode> rows(String version, String name) {
        try (InputStream in = MultistoreAndLanguageTest.class.getResourceAsStream("/prestashop-" + version + "-real/" + name + ".body")) {
            return new SafeXmlReader().read(in).children().get(0).children();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
