package market.so.sync.prestashop.sim;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The plain data behind products, combinations, stock rows and specific prices. */
final class CatalogRows {

    private CatalogRows() {
    }

    /**
     * What the simulator itself needs to know of a product (prices, links, images) without building
     * its XML object.
     */
    record ProductFacts(long id, BigDecimal price, long taxGroup, Map<Integer, String> linkRewrite,
                        long[] categories, long[] images, long[] combinations, long defaultCombination) {
    }

    /** A combination: its price impact and the attribute values that tell it apart. */
    record CombinationRow(long id, long productId, BigDecimal impact, String reference, String ean13,
                          long[] optionValues, long[] images, boolean defaultOn) {
    }

    /** A {@code stock_availables} row; attribute 0 is the product's total. */
    record StockRow(long id, long productId, long attributeId, int quantity) {

        StockRow withQuantity(int newQuantity) {
            return new StockRow(id, productId, attributeId, newQuantity);
        }
    }

    /**
     * A specific price: {@code price} -1 keeps the base price; {@code reduction} is a fraction
     * (percentage) or an amount; zero ids mean "all"; zero dates mean unbounded.
     */
    record SpecificPrice(long id, long productId, long attributeId, BigDecimal price, int fromQuantity,
                         BigDecimal reduction, boolean reductionTax, String reductionType, String from, String to,
                         long idShop, long idCurrency, long idCountry, long idGroup, long idCustomer, long idCart) {

        static SpecificPrice percentage(long id, long productId, BigDecimal fraction) {
            return new SpecificPrice(id, productId, 0, new BigDecimal("-1"), 1, fraction, true, "percentage",
                    ZERO_DATE, ZERO_DATE, 0, 0, 0, 0, 0, 0);
        }

        /** The same reduction for one combination only ({@code id_product_attribute}). */
        SpecificPrice forCombination(long combinationId) {
            return new SpecificPrice(id, productId, combinationId, price, fromQuantity, reduction, reductionTax,
                    reductionType, from, to, idShop, idCurrency, idCountry, idGroup, idCustomer, idCart);
        }

        SpecificPrice between(String fromDate, String toDate) {
            return new SpecificPrice(id, productId, attributeId, price, fromQuantity, reduction, reductionTax,
                    reductionType, fromDate, toDate, idShop, idCurrency, idCountry, idGroup, idCustomer, idCart);
        }

        SpecificPrice withReduction(BigDecimal fraction) {
            return new SpecificPrice(id, productId, attributeId, price, fromQuantity, fraction, reductionTax,
                    "percentage", from, to, idShop, idCurrency, idCountry, idGroup, idCustomer, idCart);
        }
    }

    static final String ZERO_DATE = "0000-00-00 00:00:00";

    static String money(BigDecimal value) {
        return String.format(java.util.Locale.ROOT, "%.6f", value);
    }

    static long[] toArray(List<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
