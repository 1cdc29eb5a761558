package market.so.sync.prestashop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import market.so.sync.prestashop.xml.SafeXmlReader;
import market.so.sync.prestashop.xml.XmlNode;
import org.junit.jupiter.api.Test;

class SafeXmlReaderTest {

    private final SafeXmlReader reader = new SafeXmlReader();

    private static InputStream xml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void streamsTheProductsOfARecordedPageOneByOne() throws Exception {
        List<XmlNode> products = new ArrayList<>();
        try (InputStream page = getClass().getResourceAsStream("/prestashop-8.1.2/products_full_limit5.body")) {
            String section = reader.stream(page, 2, products::add);
            assertThat(section).isEqualTo("products");
        }
        assertThat(products).hasSize(5);
        XmlNode first = products.get(0);
        assertThat(first.value("id")).isEqualTo("1");
        assertThat(first.localized("name", "2")).isEqualTo("T-shirt imprimé colibri");
        assertThat(first.localized("name", "1")).isEqualTo("Hummingbird printed t-shirt");
        assertThat(first.value("available_date")).as("zero dates are absent").isNull();
        assertThat(first.child("associations").child("images").children()).hasSize(2);
    }

    @Test
    void refusesADocumentTypeDeclarationSoNoEntityExpansionOrExternalEntity() {
        String laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <prestashop><products><product><id>&lol2;</id></product></products></prestashop>""";
        assertThatThrownBy(() -> reader.stream(xml(laughs), 2, p -> { }))
            .isInstanceOf(SafeXmlReader.HostileXml.class);
        String xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <prestashop><products><product><name>&xxe;</name></product></products></prestashop>""";
        assertThatThrownBy(() -> reader.stream(xml(xxe), 2, p -> { }))
            .isInstanceOf(SafeXmlReader.HostileXml.class);
    }

    @Test
    void refusesAbsurdNestingAndReportsMalformedXml() {
        String deep = "<a>".repeat(100) + "</a>".repeat(100);
        assertThatThrownBy(() -> reader.read(xml(deep))).isInstanceOf(SafeXmlReader.HostileXml.class);
        assertThatThrownBy(() -> reader.read(xml("<prestashop><products><product>")))
            .isInstanceOf(SafeXmlReader.UnreadableXml.class);
        assertThatThrownBy(() -> reader.read(xml(""))).isInstanceOf(SafeXmlReader.UnreadableXml.class);
    }
}
