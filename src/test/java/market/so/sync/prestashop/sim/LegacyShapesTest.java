package market.so.sync.prestashop.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import market.so.sync.support.SharedSimulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PHP 7 cannot be installed here, so no 1.6 or 1.7 shop runs: the simulator speaking 1.6 or 1.7
 * ({@link SimShop#version}) renders a product with exactly the fields and associations of the
 * 1.6 / 1.7 shapes kept in src/test/resources/prestashop/ (product_ps16.xml, product_ps17.xml; origin in
 * the README there); ShopLanguageAndMultistoreTest syncs such a shop.
 */
class LegacyShapesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final PrestaShopSimulator sim = SharedSimulator.get();

    @ParameterizedTest
    @CsvSource({"1.6.1.24, product_ps16.xml", "1.7.8.11, product_ps17.xml"})
    void aProductHasTheFieldsAndAssociationsOfItsVersion(String version, String shape) throws Exception {
        SimShop shop = sim.fixtureShop("legacy-" + version.replace(".", "")).version(version);
        HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(shop.url()
                + "/api/products?display=full&filter%5Bid%5D=%5B1%5D"))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((shop.key() + ":")
                .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("PSWS-Version")).hasValue(version);
        Set<String> ours = new TreeSet<>(VersionShapes.elementsOf(null, answer.body()));
        assertThat(ours).isEqualTo(new TreeSet<>(VersionShapes.elementsOf(shape)));
    }
}
