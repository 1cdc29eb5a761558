package market.so.sync.prestashop.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import market.so.sync.prestashop.sim.CatalogRows.SpecificPrice;
import market.so.sync.prestashop.sim.CatalogRows.StockRow;

/**
 * The recorded 8.1.2 demo shop, parsed once per simulator and shared read-only by its fixture shops.
 */
record Fixtures(List<SimObject> products, List<SimObject> categories, List<SimObject> languages,
                List<StockRow> stock, List<SpecificPrice> specificPrices, ApiListing api) {

    static Fixtures load() {
        List<StockRow> stock = new ArrayList<>();
        for (SimObject row : FixtureXml.objects("stock_availables_full_limit5.body")) {
            stock.add(new StockRow(row.id(), num(row, "id_product"), num(row, "id_product_attribute"),
                    (int) num(row, "quantity")));
        }
        List<SpecificPrice> prices = new ArrayList<>();
        for (SimObject row : FixtureXml.objects("specific_prices_full.body")) {
            prices.add(new SpecificPrice(row.id(), num(row, "id_product"), num(row, "id_product_attribute"),
                    new BigDecimal(row.value("price")), (int) num(row, "from_quantity"),
                    new BigDecimal(row.value("reduction")), "1".equals(row.value("reduction_tax")),
                    row.value("reduction_type"), row.value("from"), row.value("to"), num(row, "id_shop"),
                    num(row, "id_currency"), num(row, "id_country"), num(row, "id_group"), num(row, "id_customer"),
                    num(row, "id_cart")));
        }
        return new Fixtures(FixtureXml.objects("products_full_limit5.body"),
                FixtureXml.objects("categories_full.body"), FixtureXml.objects("languages_full.body"),
                List.copyOf(stock), List.copyOf(prices), ApiListing.parse(FixtureXml.text("api_root.body")));
    }

    static long num(SimObject object, String field) {
        return Long.parseLong(object.value(field));
    }
}
