package market.so.sync.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import market.so.sync.catalog.category.CategorySuggester;
import market.so.sync.catalog.category.ShopCategory;
import market.so.sync.catalog.category.ShopCategoryTree;
import market.so.sync.catalog.category.Suggestion;
import market.so.sync.catalog.category.Taxonomy;
import org.junit.jupiter.api.Test;

/** The suggester's French reasons, as an English page shows them: every phrase it writes is turned. */
class SuggestionReasonsTest {

    private final CategorySuggester suggester = new CategorySuggester(new Taxonomy(java.nio.file.Path.of("config/categories.yaml")));

    @Test
    void everyReasonTheSuggesterGivesReadsInEnglish() {
        ShopCategoryTree tree = ShopCategoryTree.withPaths(List.of(
            new ShopCategory(1, 0L, "Root", "root", 0, 0, true, true, null, null),
            new ShopCategory(2, 1L, "Accueil", "accueil", 1, 0, true, true, null, null),
            new ShopCategory(3, 2L, "Vêtements", "vetements", 2, 0, true, false, null, null),
            new ShopCategory(4, 3L, "Hommes", "hommes", 3, 0, true, false, null, null),
            new ShopCategory(5, 3L, "Nouveautés", "nouveautes", 3, 1, true, false, null, null),
            new ShopCategory(6, 2L, "Papeterie", "papeterie", 2, 1, true, false, null, null),
            new ShopCategory(7, 2L, "Maison", "maison", 2, 2, true, false, null, "maison")));
        var suggestions = suggester.suggest(tree);
        assertThat(suggestions.values()).extracting(Suggestion::reason).isNotEmpty();
        for (Suggestion s : suggestions.values()) {
            String english = SuggestionReasons.in(Locale.ENGLISH, s.reason());
            assertThat(english).as(s.reason()).doesNotContain("le nom", "catégorie", "mot-clé", "associée", "suggérée", "sous la");
            assertThat(SuggestionReasons.in(Locale.FRENCH, s.reason())).isEqualTo(s.reason());
        }
        assertThat(SuggestionReasons.in(Locale.ENGLISH, suggestions.get(6L).reason()))
            .isEqualTo("the name “Papeterie” is So.market’s category “Papeterie”");
        assertThat(SuggestionReasons.in(Locale.ENGLISH, suggestions.get(4L).reason()))
            .isEqualTo("the name “Hommes” holds the keyword “homme” of “Mode homme”, under the parent category “Vêtements”");
        assertThat(SuggestionReasons.in(Locale.ENGLISH, suggestions.get(5L).reason()))
            .isEqualTo("the parent category “Vêtements” has the suggestion “Mode”");
        assertThat(SuggestionReasons.in(Locale.ENGLISH,
            "catégorie parente « Maison » associée à « Maison et jardin »"))
            .isEqualTo("the parent category “Maison” is mapped to “Maison et jardin”");
    }
}
