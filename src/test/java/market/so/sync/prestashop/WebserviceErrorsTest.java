package market.so.sync.prestashop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import market.so.sync.prestashop.xml.SafeXmlReader;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.shop.ShopStatus;
import org.junit.jupiter.api.Test;

/** prestashop-webservice.md §1.3: each refusal means one thing the merchant can fix. */
class WebserviceErrorsTest {

    private static XmlNode errors(String... codeAndMessage) {
        StringBuilder xml = new StringBuilder("<prestashop><errors>");
        for (int i = 0; i < codeAndMessage.length; i += 2) {
            xml.append("<error><code><![CDATA[").append(codeAndMessage[i]).append("]]></code><message><![CDATA[")
                .append(codeAndMessage[i + 1]).append("]]></message></error>");
        }
        return new SafeXmlReader().read(new java.io.ByteArrayInputStream(xml.append("</errors></prestashop>").toString()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void theRecordedBadKeyAnswerIsAnInvalidKey() throws Exception {
        try (InputStream body = getClass().getResourceAsStream("/prestashop-8.1.2/error_bad_key.body")) {
            XmlNode root = new SafeXmlReader().read(body);
            assertThat(WebserviceErrors.classify(401, root, true, null, "products").status()).isEqualTo(ShopStatus.INVALID_KEY);
        }
    }

    @Test
    void eachCodeHasItsStatus() {
        assertThat(WebserviceErrors.classify(503, errors("22", "The PrestaShop webservice is disabled."), true, null, "")
            .status()).isEqualTo(ShopStatus.WEBSERVICE_DISABLED);
        assertThat(WebserviceErrors.classify(403, errors("132", "No permission for this key on this shop"), true, null, "")
            .status()).isEqualTo(ShopStatus.SHOP_NOT_ALLOWED);
        var denied = WebserviceErrors.classify(401, errors("26",
            "Resource of type \"specific_prices\" is not allowed with this authentication key"), true, null, "");
        assertThat(denied).isInstanceOf(WebserviceException.MissingPermission.class);
        assertThat(((WebserviceException.MissingPermission) denied).resources()).containsExactly("specific_prices");
        assertThat(WebserviceErrors.classify(401, errors("18", "Invalid authentication key format"), true, null, "")
            .status()).isEqualTo(ShopStatus.INVALID_KEY);
    }

    @Test
    void aPlainText401MeansTheHeaderWasStrippedAndServerErrorsAreRetried() {
        assertThat(WebserviceErrors.classify(401, null, true, null, "")).isInstanceOf(WebserviceException.HeaderStripped.class);
        assertThat(WebserviceErrors.classify(401, null, false, null, "").status())
            .as("a site behind its own password is not a stripped header").isEqualTo(ShopStatus.NOT_PRESTASHOP);
        var busy = WebserviceErrors.classify(429, null, false, 30_000L, "products");
        assertThat(busy.retryable()).isTrue();
        assertThat(((WebserviceException.Transient) busy).retryAfterMillis()).isEqualTo(30_000L);
        assertThat(WebserviceErrors.classify(500, null, false, null, "").retryable()).isTrue();
        // a PHP warning rendered by PrestaShop comes back the same every time: split the page, do not retry
        var rendered = WebserviceErrors.classify(500, errors("2", "[PHP Warning #2] Undefined index"), true, null, "");
        assertThat(rendered).isInstanceOf(WebserviceException.RenderingError.class);
        assertThat(rendered.retryable()).isFalse();
        assertThat(WebserviceException.isServerError(rendered)).isTrue();
        assertThat(WebserviceErrors.classify(404, null, false, null, "").status()).isEqualTo(ShopStatus.NOT_PRESTASHOP);
    }

    @Test
    void a503WithPrestashopsXmlIsRetriedAfterItsDelayButCode22IsNot() {
        var busy = WebserviceErrors.classify(503, errors("2", "[PHP Warning #2] mysqli::real_connect(): Too many connections"),
            true, 7_000L, "products");
        assertThat(busy).isInstanceOf(WebserviceException.Transient.class);
        assertThat(((WebserviceException.Transient) busy).retryAfterMillis()).isEqualTo(7_000L);
        assertThat(busy.getMessage()).contains("503").contains("Too many connections");
        assertThat(WebserviceErrors.classify(503, errors("2", "[PHP Warning #2] x"), true, null, "").retryable())
            .as("a 503 says 'not now' even without Retry-After").isTrue();
        assertThat(WebserviceErrors.classify(500, errors("2", "[PHP Warning #2] x"), true, 5_000L, "").retryable())
            .as("a 500 document with Retry-After is asked again too").isTrue();
        var disabled = WebserviceErrors.classify(503, errors("22", "The PrestaShop webservice is disabled."), true, 7_000L, "");
        assertThat(disabled.status()).isEqualTo(ShopStatus.WEBSERVICE_DISABLED);
        assertThat(disabled.retryable()).isFalse();
    }
}
