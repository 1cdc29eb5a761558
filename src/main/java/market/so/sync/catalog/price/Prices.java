package market.so.sync.catalog.price;

import java.math.BigDecimal;

/** A product's (or a variant's) price tax included: what the customer pays, and before reductions. */
public record Prices(BigDecimal finalPrice, BigDecimal regularPrice) {
}
