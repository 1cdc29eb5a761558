package market.so.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import market.so.sync.catalog.category.ShopCategoryReader;
import market.so.sync.catalog.category.ShopCategoryTree;
import market.so.sync.catalog.price.ComputedPrices;
import market.so.sync.catalog.price.PriceContext;
import market.so.sync.catalog.price.SpecificPrice;
import market.so.sync.catalog.price.SpecificPriceCalculator;
import market.so.sync.catalog.price.TaxRates;
import market.so.sync.prestashop.xml.XmlNode;
import org.junit.jupiter.api.Test;

/**
 * The recorded 8.1.2 demo products and hand-written 1.6-, 1.7- and 9-era shapes, mapped as the
 * sync maps them. The recorded pages carry no price virtual fields, so these tests also run the
 * fallback prices (taxes of France + the recorded specific prices).
 */
class ProductMapperTest {

    private final ProductMapper mapper = new ProductMapper(4000, new ProductImages(null, null, "large_default"));

    private static ShopSyncContext demoShop(String baseUrl, String languageId) {
        ShopSyncContext sync = Recorded.sync(baseUrl, languageId);
        Recorded.rows("stock_availables_full_limit5.xml").forEach(row -> sync.stock().put(row.longValue("id_product"),
            row.longValue("id_product_attribute"), row.longValue("quantity").intValue(), row.longValue("out_of_stock").intValue()));
        List<SpecificPrice> specificPrices = Recorded.rows("specific_prices_full.xml").stream().map(SpecificPrice::of).toList();
        sync.computedPrices(new ComputedPrices(new SpecificPriceCalculator(),
            TaxRates.of(Recorded.rows("tax_rules_fr.xml"), Recorded.rows("taxes.xml"), 8), true,
            Map.of(1L, specificPrices.subList(0, 1), 2L, specificPrices.subList(1, 2)),
            new PriceContext(1, 1, 8, 3, LocalDateTime.now())));
        sync.options(OptionNames.of(Recorded.rows("product_options.xml"), Recorded.rows("product_option_values.xml"), languageId, "fr"));
        sync.imageType("large_default");
        sync.imageForm(ProductImages.Form.FRIENDLY);
        sync.categories(ShopCategoryTree.withPaths(ShopCategoryReader.parse(Recorded.document("categories_full.xml"), languageId)));
        return sync;
    }

    @Test
    void product1AsTheShopShowsIt() {
        ShopSyncContext sync = demoShop("http://127.0.0.1:8089", "2");
        List<XmlNode> combinations = Recorded.rows("combinations_1_3.xml").stream()
            .filter(c -> c.longValue("id_product") == 1).toList();
        ProductRow row = mapper.map(Recorded.first("product_1.xml"), combinations, sync);

        assertThat(row.name()).isEqualTo("T-shirt imprimé colibri");
        assertThat(row.description()).startsWith("Symbole de légèreté et de délicatesse").doesNotContain("<p>");
        assertThat(row.reference()).isEqualTo("demo_1");
        assertThat(row.ean13()).isEmpty();
        assertThat(row.price()).isEqualByComparingTo("22.94");
        assertThat(row.regularPrice()).isEqualByComparingTo("28.68");
        assertThat(row.discountPercent()).isEqualTo(20);
        assertThat(row.currency()).isEqualTo("EUR");
        assertThat(row.quantity()).isEqualTo(2400);
        assertThat(row.available()).isTrue();
        assertThat(row.listedByShop()).isTrue();
        assertThat(row.imageUrls()).containsExactly(
            "http://127.0.0.1:8089/1-large_default/hummingbird-printed-t-shirt.jpg",
            "http://127.0.0.1:8089/2-large_default/hummingbird-printed-t-shirt.jpg");
        assertThat(row.productUrl()).isEqualTo("http://127.0.0.1:8089/index.php?id_product=1&controller=product&id_lang=2");
        assertThat(row.defaultCategoryId()).isEqualTo(4L);
        assertThat(row.shopCategoryIds()).containsExactly(2L, 3L, 4L);
        assertThat(row.categoryCode()).as("nothing mapped yet").isNull();

        assertThat(row.variantCount()).isEqualTo(8);
        VariantRow first = row.variants().get(0);
        assertThat(first.attributes()).isEqualTo("Taille : S, Couleur : Blanc");
        assertThat(first.isDefault()).isTrue();
        assertThat(first.price()).isEqualByComparingTo("22.94");
        assertThat(row.variants().get(3).attributes()).isEqualTo("Taille : M, Couleur : Noir");
        assertThat(row.priceMin()).isEqualByComparingTo("22.94");
        assertThat(row.priceMax()).isEqualByComparingTo("22.94");
    }

    @Test
    void postersHaveVariantsWithTheirOwnPrices() {
        ShopSyncContext sync = demoShop("http://127.0.0.1:8089", "2");
        XmlNode poster = Recorded.rows("products_full_limit5.xml").get(2);
        List<XmlNode> combinations = Recorded.rows("combinations_1_3.xml").stream()
            .filter(c -> c.longValue("id_product") == 3).toList();
        ProductRow row = mapper.map(poster, combinations, sync);

        assertThat(row.name()).isEqualTo("Affiche encadrée The best is yet to come");
        assertThat(row.price()).isEqualByComparingTo("34.80");
        assertThat(row.discountPercent()).isZero();
        assertThat(row.quantity()).isEqualTo(1500);
        assertThat(row.variants()).extracting(VariantRow::attributes)
            .containsExactly("Dimension : 40x60cm", "Dimension : 60x90cm", "Dimension : 80x120cm");
        assertThat(row.variants()).extracting(VariantRow::price).extracting(BigDecimal::toPlainString)
            .containsExactly("34.80", "58.80", "94.80");
        assertThat(row.variants().get(1).reference()).isEqualTo("demo_6_60x90");
        assertThat(row.variants().get(1).ean13()).isEqualTo("3770000000014");
        assertThat(row.priceMin()).isEqualByComparingTo("34.80");
        assertThat(row.priceMax()).isEqualByComparingTo("94.80");
    }

    @Test
    void theShopsOwnComputedPricesWinWhenItGivesThem() {
        ShopSyncContext sync = demoShop("https://shop9.example", "2");
        sync.computedPrices(null);
        ProductRow row = mapper.map(Recorded.first("product_ps9.xml"), List.of(), sync);
        assertThat(row.price()).isEqualByComparingTo("14.28");
        assertThat(row.regularPrice()).isEqualByComparingTo("14.28");
    }

    @Test
    void the16And17And9ShapesMapToTheSameProduct() {
        ProductRow v16 = mapper.map(Recorded.first("product_ps16.xml"), List.of(), demoShop("https://shop.example", "1"));
        ProductRow v17 = mapper.map(Recorded.first("product_ps17.xml"), List.of(), demoShop("https://shop.example", "2"));
        ShopSyncContext shop9 = demoShop("https://shop.example", "2");
        shop9.computedPrices(null);
        ProductRow v9 = mapper.map(Recorded.first("product_ps9.xml"), List.of(), shop9);

        for (ProductRow row : List.of(v16, v17, v9)) {
            assertThat(row.shopProductId()).isEqualTo(7);
            assertThat(row.name()).isEqualTo("Mug L'aventure commence");
            assertThat(row.description()).isEqualTo("Le mug en céramique blanc de 325 ml.");
            assertThat(row.reference()).isEqualTo("demo_12");
            assertThat(row.ean13()).as("1.6 sends \"0\"").isEmpty();
            assertThat(row.price()).isEqualByComparingTo("14.28");
            assertThat(row.listedByShop()).isTrue();
            assertThat(row.imageUrls()).as("cover first").containsExactly(
                "https://shop.example/11-large_default/mug-l-aventure-commence.jpg",
                "https://shop.example/10-large_default/mug-l-aventure-commence.jpg");
            assertThat(row.defaultCategoryId()).isEqualTo(8L);
            assertThat(row.shopCategoryIds()).containsExactly(2L, 8L);
            assertThat(row.shopDateUpd()).isEqualTo("2016-03-02 11:00:00");
        }
        assertThat(v17).usingRecursiveComparison().isEqualTo(v9);
        assertThat(v16).usingRecursiveComparison().ignoringFields("productUrl").isEqualTo(v17);
    }

    @Test
    void onlyWhatTheShopListsIsListed() {
        XmlNode product = Recorded.first("product_ps17.xml");
        assertThat(ProductMapper.listed(product)).isTrue();
        assertThat(ProductMapper.listed(withValue(product, "active", "0"))).isFalse();
        assertThat(ProductMapper.listed(withValue(product, "state", "0"))).as("a draft").isFalse();
        assertThat(ProductMapper.listed(withValue(product, "visibility", "none"))).isFalse();
        assertThat(ProductMapper.listed(withValue(product, "visibility", "search"))).isTrue();
    }

    @Test
    void descriptionsArePlainTextCapped() {
        ProductMapper short8 = new ProductMapper(8, new ProductImages(null, null, "large_default"));
        assertThat(short8.description(Recorded.first("product_ps16.xml"), "1")).isEqualTo("Le mug…");
    }

    @Test
    void physicalPictureAddressesWhenFriendlyOnesDoNotAnswer() {
        ShopSyncContext sync = demoShop("https://shop.example/boutique", "2");
        sync.imageForm(ProductImages.Form.PHYSICAL);
        ProductRow row = mapper.map(Recorded.rows("products_full_limit5.xml").get(1), List.of(), sync);
        assertThat(row.imageUrls()).containsExactly("https://shop.example/boutique/img/p/2/1/21-large_default.jpg");
    }

    private static XmlNode withValue(XmlNode product, String field, String value) {
        String xml = "<product>" + serialize(product, field, value) + "</product>";
        return new market.so.sync.prestashop.xml.SafeXmlReader().read(
            new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String serialize(XmlNode product, String field, String value) {
        StringBuilder out = new StringBuilder();
        for (XmlNode child : product.children()) {
            if (child.children().isEmpty()) {
                String text = child.name().equals(field) ? value : child.text();
                out.append('<').append(child.name()).append("><![CDATA[").append(text).append("]]></").append(child.name()).append('>');
            }
        }
        return out.toString();
    }
}
