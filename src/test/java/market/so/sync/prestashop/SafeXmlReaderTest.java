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

    @Test
    void dropsTheControlCharactersXml10ForbidsAndKeepsTheRest() {
        String name = "T-shirt\u0001 imprim\u00e9\u000B \u001Fcolibri\u0000\tfin\uFFFE";
        XmlNode root = reader.read(xml("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<prestashop><products><product>"
            + "<id><![CDATA[1]]></id><name><language id=\"2\"><![CDATA[" + name + "]]></language></name>"
            + "<description>a\u0008b</description></product></products></prestashop>"));
        XmlNode product = root.child("products").child("product");
        assertThat(product.localized("name", "2")).isEqualTo("T-shirt imprim\u00e9 colibri\tfin");
        assertThat(product.value("description")).isEqualTo("ab");
    }

    @Test
    void keepsTheWhitespaceOfALeafButNotTheIndentationBetweenChildren() {
        XmlNode root = reader.read(xml("<prestashop>\n  <product>\n    <id><![CDATA[7]]></id>\n    "
            + "<name><language id=\"1\"><![CDATA[  two  spaces ]]></language></name>\n    <note>   </note>\n  </product>\n"
            + "</prestashop>"));
        XmlNode product = root.child("product");
        assertThat(product.child("name").child("language").text()).isEqualTo("  two  spaces ");
        assertThat(product.child("note").text()).as("a leaf keeps its text, blank or not").isEqualTo("   ");
        assertThat(product.text()).as("only what came before the first child").isEqualTo("\n    ");
        assertThat(product.value("id")).isEqualTo("7");
    }

    @Test
    void readsTheDeclaredCharset() {
        byte[] latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><prestashop><n>\u00e9t\u00e9</n></prestashop>"
            .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reader.read(new ByteArrayInputStream(latin)).value("n")).isEqualTo("\u00e9t\u00e9");
    }

    @Test
    void keepsTheIdOfAnAssociationItemThatPrestaShopGivesOnlyInItsLink() {
        XmlNode root = reader.read(xml("<prestashop xmlns:xlink=\"http://www.w3.org/1999/xlink\"><combinations><combination>"
            + "<id><![CDATA[1]]></id><id_product xlink:href=\"http://s.fr/api/products/1\">1</id_product><associations>"
            + "<product_option_values nodeType=\"product_option_value\" api=\"product_option_values\">"
            + "<product_option_value xlink:href=\"http://s.fr/api/product_option_values/8\">\n</product_option_value>"
            + "<product_option_value xlink:href=\"http://s.fr/api/product_option_values/11\"><id>11</id></product_option_value>"
            + "</product_option_values></associations></combination></combinations></prestashop>"));
        XmlNode combination = root.child("combinations").child("combination");
        List<XmlNode> items = combination.child("associations").child("product_option_values").children();
        assertThat(items).extracting(XmlNode::itemId).containsExactly(8L, 11L);
        assertThat(combination.child("id_product").attribute(XmlNode.LINK_ID)).as("links outside associations are not kept")
            .isNull();
    }
}
