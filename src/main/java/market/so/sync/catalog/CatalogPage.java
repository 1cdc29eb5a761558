package market.so.sync.catalog;

import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * A batch of products read whole ({@code display=full}), with the state of each computed from the
 * light sweep, the stock and the combinations, ready to be mapped.
 */
public record CatalogPage(List<XmlNode> products, Map<Long, ProductState> states) {

    public ProductState stateOf(long productId) {
        return states.get(productId);
    }
}
