package market.so.sync.catalog.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxonomyTest {

    @Test
    void theShippedTaxonomyIsACityMarketplaceTree() {
        Taxonomy taxonomy = new Taxonomy(Path.of("config/categories.yaml"));
        assertThat(taxonomy.entries()).hasSizeBetween(30, 60);
        assertThat(taxonomy.entries()).allSatisfy(e -> assertThat(e.label()).isNotBlank());
        assertThat(taxonomy.find("mode-homme").parentCode()).isEqualTo("mode");
        assertThat(taxonomy.isWithin("mode-homme", "mode")).isTrue();
        assertThat(taxonomy.displayed(null)).isEqualTo(Taxonomy.UNCLASSIFIED);
        assertThat(taxonomy.displayed("removed-by-ops").label()).isEqualTo("À classer");
    }

    @Test
    void aBrokenTaxonomyStopsTheStartWithTheReason() {
        assertThatThrownBy(() -> new Taxonomy(List.of(new TaxonomyEntry("a", "A", "nowhere", null))))
            .hasMessageContaining("unknown parentCode nowhere");
        assertThatThrownBy(() -> new Taxonomy(List.of(new TaxonomyEntry("a-classer", "X", null, null))))
            .hasMessageContaining("reserved");
        assertThatThrownBy(() -> new Taxonomy(Path.of("no/such/file.yaml")))
            .hasMessageContaining("somarket.catalog.taxonomy-file");
    }
}
