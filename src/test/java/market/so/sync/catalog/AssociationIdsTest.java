package market.so.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import market.so.sync.prestashop.xml.SafeXmlReader;
import org.junit.jupiter.api.Test;

/**
 * The light combinations list as a real PrestaShop 8.1.2 answers it (recorded, test resources
 * {@code real-8.1.2-light/}): association entries carry their id in their href only, and the variant's
 * option values are still read.
 */
class AssociationIdsTest {

    @Test
    void optionValueIdsAreReadFromTheHrefsOfALightList() throws Exception {
        List<LightCombination> combinations = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/real-8.1.2-light/combinations_light_limit3.body")) {
            new SafeXmlReader().stream(in, 2, node -> combinations.add(LightCombination.of(node)));
        }
        assertThat(combinations).hasSize(3);
        assertThat(combinations.get(0).optionValueIds()).containsExactly(1L, 8L);
        assertThat(combinations.get(1).optionValueIds()).containsExactly(1L, 11L);
        assertThat(combinations.get(0).defaultOn()).isTrue();
    }
}
