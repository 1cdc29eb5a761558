package market.so.sync.catalog.category;

/**
 * One category of a merchant's PrestaShop, as stored in {@code shop_category}. {@code root} marks
 * PrestaShop's "Root" (id_parent 0) and the shop's "Home" (is_root_category 1): they hold every
 * product and mean nothing to a shopper, so they are never listed, mapped or used for a product.
 */
public record ShopCategory(long id, Long parentId, String name, String linkRewrite, Integer levelDepth,
                           Integer position, boolean active, boolean root, String path, String mappedCode) {

    public ShopCategory withPath(String newPath) {
        return new ShopCategory(id, parentId, name, linkRewrite, levelDepth, position, active, root, newPath, mappedCode);
    }
}
