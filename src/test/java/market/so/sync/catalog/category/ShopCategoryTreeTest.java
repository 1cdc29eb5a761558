package market.so.sync.catalog.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import market.so.sync.catalog.Recorded;
import org.junit.jupiter.api.Test;

/** The demo shop's recorded category tree, and how a product finds its So.market category in it. */
class ShopCategoryTreeTest {

    private static List<ShopCategory> demo() {
        return ShopCategoryReader.parse(Recorded.document("categories_full.xml"), "2");
    }

    private static ShopCategoryTree mapped(String... idAndCode) {
        List<ShopCategory> categories = new ArrayList<>();
        for (ShopCategory c : demo()) {
            String code = null;
            for (int i = 0; i < idAndCode.length; i += 2) {
                if (Long.parseLong(idAndCode[i]) == c.id()) {
                    code = idAndCode[i + 1];
                }
            }
            categories.add(new ShopCategory(c.id(), c.parentId(), c.name(), c.linkRewrite(), c.levelDepth(), c.position(),
                c.active(), c.root(), null, code));
        }
        return ShopCategoryTree.withPaths(categories);
    }

    @Test
    void rootAndHomeAreNotShopperCategoriesAndPathsLeaveThemOut() {
        ShopCategoryTree tree = ShopCategoryTree.withPaths(demo());
        assertThat(tree.all()).hasSize(9);
        assertThat(tree.get(1).root()).as("Root, id_parent 0").isTrue();
        assertThat(tree.get(2).root()).as("Home, is_root_category 1").isTrue();
        assertThat(tree.shopperCategories()).extracting(ShopCategory::path).containsExactly(
            "Accessoires", "Accessoires > Accessoires de maison", "Accessoires > Papeterie", "Art",
            "Vêtements", "Vêtements > Femmes", "Vêtements > Hommes");
        assertThat(tree.get(4).path()).isEqualTo("Vêtements > Hommes");
        assertThat(tree.get(4).linkRewrite()).isEqualTo("hommes");
    }

    @Test
    void theDefaultCategorysMappingFirst() {
        ShopCategoryTree tree = mapped("4", "mode-homme", "3", "mode");
        assertThat(tree.codeFor(4L, List.of(2L, 3L, 4L))).isEqualTo("mode-homme");
    }

    @Test
    void thenTheOtherCategoriesDeepestFirst() {
        ShopCategoryTree tree = mapped("3", "mode", "8", "decoration");
        assertThat(tree.codeFor(4L, List.of(2L, 3L, 8L, 4L))).as("8 is deeper than 3").isEqualTo("decoration");
    }

    @Test
    void thenTheParentChain() {
        ShopCategoryTree tree = mapped("3", "mode");
        assertThat(tree.codeFor(4L, List.of(2L, 4L))).isEqualTo("mode");
    }

    @Test
    void nothingMappedIsUnclassified() {
        ShopCategoryTree tree = mapped();
        assertThat(tree.codeFor(4L, List.of(2L, 3L, 4L))).isNull();
        assertThat(tree.codeFor(null, List.of())).isNull();
        assertThat(mapped("2", "mode").codeFor(2L, List.of(2L))).as("Home is never used").isNull();
    }
}
