package market.so.sync.catalog;

import java.io.InputStream;
import java.util.List;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.prestashop.xml.SafeXmlReader;
import market.so.sync.prestashop.xml.XmlNode;

/** PrestaShop answers from src/test/resources/prestashop/, read as the sync reads them. */
public final class Recorded {

    private Recorded() {
    }

    public static XmlNode document(String file) {
        InputStream in = Recorded.class.getResourceAsStream("/prestashop/" + file);
        if (in == null) {
            throw new IllegalArgumentException("no test resource prestashop/" + file);
        }
        return new SafeXmlReader().read(in);
    }

    /** The rows of a list answer: {@code <prestashop><products><product>...}. */
    public static List<XmlNode> rows(String file) {
        return document(file).children().get(0).children();
    }

    /** The element of a single-object answer ({@code <prestashop><product>}) or the first row of a list. */
    public static XmlNode first(String file) {
        XmlNode section = document(file).children().get(0);
        return section.children().isEmpty() || section.child("id") != null ? section : section.children().get(0);
    }

    public static ShopSyncContext sync(String baseUrl, String languageId) {
        ShopSyncContext sync = new ShopSyncContext(1, 1, "test", null, new ShopAccess(baseUrl,
            ApiKey.of("ABCDEFGHIJKLMNPQRSTUVWXYZ1234567"), ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null));
        sync.locale(languageId, "fr", "EUR", false);
        return sync;
    }
}
