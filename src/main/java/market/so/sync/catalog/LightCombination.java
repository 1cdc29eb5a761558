package market.so.sync.catalog;

import java.util.List;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * One combination as every sync reads it: combinations have no update date and their edits do not
 * touch the product's {@code date_upd} (peers.md, OpenLinker #2221), so all of them are read at every
 * sync, light (no i18n, no images), by ranges of product ids (one per sweep page). Their computed
 * prices are asked only when their product's price inputs changed (docs/decisions/0025), and only for those the shop
 * does not price as their product (price impact and ecotax, docs/decisions/0030).
 */
public record LightCombination(long id, long productId, String reference, String ean13, boolean defaultOn,
                               List<Long> optionValueIds, String finalPrice, String regularPrice, String impact,
                               String ecotax) {

    /** The fields of the combinations sweep, besides the computed price aliases. */
    public static final String FIELDS = "id,id_product,reference,ean13,default_on,price,ecotax,product_option_values[id]";

    /** The same combination with the prices the shop computed (or we stored from last time). */
    public LightCombination priced(String finalTaxIncluded, String regularTaxIncluded) {
        return new LightCombination(id, productId, reference, ean13, defaultOn, optionValueIds, finalTaxIncluded,
            regularTaxIncluded, impact, ecotax);
    }

    public static LightCombination of(XmlNode combination) {
        Long id = combination.longValue("id");
        Long product = combination.longValue("id_product");
        if (id == null || product == null) {
            return null;
        }
        return new LightCombination(id, product, combination.value("reference"), combination.value("ean13"),
            combination.flag("default_on", false), ProductMapper.associationIds(combination, "product_option_values"),
            combination.value(CatalogReader.FINAL_PRICE), combination.value(CatalogReader.REGULAR_PRICE),
            combination.value("price"), combination.value("ecotax"));
    }
}
