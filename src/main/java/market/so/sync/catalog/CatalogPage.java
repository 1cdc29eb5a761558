package market.so.sync.catalog;

import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * One page of a shop's products as read from its webservice, with the combinations of those
 * products (fetched in one batch per page), ready to be mapped.
 */
public record CatalogPage(List<XmlNode> products, Map<Long, List<XmlNode>> combinations) {

    public List<XmlNode> combinationsOf(long productId) {
        return combinations.getOrDefault(productId, List.of());
    }
}
