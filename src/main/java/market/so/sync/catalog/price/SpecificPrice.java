package market.so.sync.catalog.price;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * One row of PrestaShop's {@code specific_prices}: a fixed price or a reduction for a product (0:
 * every product), a combination, a shop, a currency, a country, a customer group, a cart or a
 * customer (0: all), from a quantity, between two dates (null: unbounded).
 */
public record SpecificPrice(long id, long productId, long attributeId, long shopId, long currencyId, long countryId,
                            long groupId, long cartId, long customerId, long ruleId, BigDecimal price,
                            int fromQuantity, BigDecimal reduction, boolean reductionTaxIncluded, boolean percentage,
                            LocalDateTime from, LocalDateTime to) {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static SpecificPrice of(XmlNode row) {
        return new SpecificPrice(id(row, "id"), id(row, "id_product"), id(row, "id_product_attribute"),
            id(row, "id_shop"), id(row, "id_currency"), id(row, "id_country"), id(row, "id_group"), id(row, "id_cart"),
            id(row, "id_customer"), id(row, "id_specific_price_rule"), decimal(row, "price", "-1"),
            (int) Math.min(Integer.MAX_VALUE, Math.max(0, id(row, "from_quantity"))), decimal(row, "reduction", "0"),
            row.flag("reduction_tax", true), !"amount".equals(row.value("reduction_type")),
            date(row.value("from")), date(row.value("to")));
    }

    /** A price set for a cart, a customer or from a quantity above one: not the price of the shop window. */
    public boolean isForEveryShopper() {
        return cartId == 0 && customerId == 0 && fromQuantity <= 1;
    }

    public boolean isCurrent(LocalDateTime now) {
        return (from == null || !now.isBefore(from)) && (to == null || !now.isAfter(to));
    }

    /** price -1: the product's base price is kept. */
    public boolean keepsBasePrice() {
        return price.signum() < 0;
    }

    private static long id(XmlNode row, String field) {
        Long v = row.longValue(field);
        return v == null ? 0 : v;
    }

    private static BigDecimal decimal(XmlNode row, String field, String absent) {
        String v = row.value(field);
        try {
            return new BigDecimal(v == null ? absent : v);
        } catch (NumberFormatException e) {
            return new BigDecimal(absent);
        }
    }

    static LocalDateTime date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay()
                : LocalDateTime.parse(value, DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
