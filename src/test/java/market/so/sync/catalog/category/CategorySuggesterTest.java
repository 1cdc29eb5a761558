package market.so.sync.catalog.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import market.so.sync.catalog.Recorded;
import org.junit.jupiter.api.Test;

/** Suggestions over the real taxonomy (config/categories.yaml) for the demo shop and a city shop's tree. */
class CategorySuggesterTest {

    private final Taxonomy taxonomy = new Taxonomy(Path.of("config/categories.yaml"));
    private final CategorySuggester suggester = new CategorySuggester(taxonomy);

    @Test
    void theDemoShopsCategories() {
        ShopCategoryTree tree = ShopCategoryTree.withPaths(ShopCategoryReader.parse(Recorded.document("categories_full.xml"), "2"));
        Map<Long, Suggestion> s = suggester.suggest(tree);

        assertThat(s.get(3L).code()).isEqualTo("mode");
        assertThat(s.get(3L).reason()).isEqualTo("le nom « Vêtements » contient le mot-clé « vêtements » de « Mode »");
        assertThat(s.get(4L).code()).isEqualTo("mode-homme");
        assertThat(s.get(4L).reason()).contains("« homme »", "sous la catégorie parente « Vêtements »");
        assertThat(s.get(5L).code()).isEqualTo("mode-femme");
        assertThat(s.get(7L).code()).isEqualTo("papeterie");
        assertThat(s.get(8L).code()).as("a two-word keyword beats 'accessoire' and 'maison'").isEqualTo("decoration");
        assertThat(s.get(9L).code()).isEqualTo("art");
        assertThat(s).doesNotContainKeys(1L, 2L);
    }

    @Test
    void aChildWithoutKeywordsFollowsItsMappedParent() {
        ShopCategoryTree tree = tree(
            cat(10, null, "Épicerie fine", "epicerie"),
            cat(11, 10L, "Nos coups de cœur", null),
            cat(12, 10L, "Chocolats", null),
            cat(13, null, "Nouveautés", null));
        Map<Long, Suggestion> s = suggester.suggest(tree);
        assertThat(s.get(11L).code()).isEqualTo("epicerie");
        assertThat(s.get(11L).reason()).isEqualTo("catégorie parente « Épicerie fine » associée à « Épicerie fine et boissons »");
        assertThat(s.get(12L).code()).isEqualTo("epicerie-sucree");
        assertThat(s.get(13L)).as("nothing to go on").isNull();
    }

    @Test
    void anExactLabelIsTheStrongestBasis() {
        Map<Long, Suggestion> s = suggester.suggest(tree(cat(20, null, "Linge de maison", null)));
        assertThat(s.get(20L).code()).isEqualTo("linge-maison");
        assertThat(s.get(20L).reason()).startsWith("le nom « Linge de maison » est celui de la catégorie So.market");
    }

    @Test
    void englishNamesOfShopsWithoutFrench() {
        Map<Long, Suggestion> s = suggester.suggest(tree(cat(30, null, "Clothes", null), cat(31, 30L, "Women", null),
            cat(32, null, "Home Accessories", null)));
        assertThat(s.get(30L).code()).isEqualTo("mode");
        assertThat(s.get(31L).code()).isEqualTo("mode-femme");
        assertThat(s.get(32L).code()).isEqualTo("decoration");
    }

    private static ShopCategory cat(long id, Long parent, String name, String mapped) {
        return new ShopCategory(id, parent == null ? 2L : parent, name, null, null, null, true, false, null, mapped);
    }

    private static ShopCategoryTree tree(ShopCategory... categories) {
        List<ShopCategory> all = new java.util.ArrayList<>(List.of(categories));
        all.add(new ShopCategory(2, 1L, "Accueil", null, 1, 0, true, true, null, null));
        return ShopCategoryTree.withPaths(all);
    }
}
