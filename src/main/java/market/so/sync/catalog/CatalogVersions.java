package market.so.sync.catalog;

import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A shop's catalogue version (docs/decisions/0023): a number on the shop row that moves, with the shop's
 * product count, in the same transaction as whatever changes what the listing shows (a sync's, a category
 * mapping's). Pages of the listing are cached per version; because the version is read from the database
 * for each request, a node never answers a page older than the last commit, whichever node made it.
 */
@Component("catalogVersions")
public class CatalogVersions {

    /** The version of a shop's catalogue and its product count (the listing's "total") at that version. */
    /** {@code language}: the shop's default language; {@code otherLanguages}: those whose texts are kept ("en,es"). */
    public record Version(long number, long products, String language, String otherLanguages) {

        /**
         * The other language a page is asked in, as the cache and query take it: null for the shop's default (or
         * nothing asked); an unknown one is refused.
         */
        public String resolve(String asked) {
            if (asked == null || asked.isBlank()) {
                return null;
            }
            String code = asked.strip().toLowerCase(java.util.Locale.ROOT);
            java.util.List<String> known = new java.util.ArrayList<>();
            if (language != null) {
                known.add(language.toLowerCase(java.util.Locale.ROOT));
            }
            if (otherLanguages != null && !otherLanguages.isEmpty()) {
                known.addAll(java.util.List.of(otherLanguages.split(",")));
            }
            if (!ProductText.isLanguageCode(code) || (!known.isEmpty() && !known.contains(code))) {
                throw new UnknownLanguage("the shop has no texts in language '" + asked.strip() + "' (its languages: "
                    + (known.isEmpty() ? "none yet" : String.join(", ", known)) + ")");
            }
            return known.isEmpty() || code.equalsIgnoreCase(String.valueOf(language)) ? null : code;
        }
    }

    /** A {@code language} the shop does not have: answered 400. */
    public static class UnknownLanguage extends RuntimeException {
        public UnknownLanguage(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final JdbcClient listing;

    /** {@code listing}: the listing's own pool ({@link ListingPool}), for the version read of every request. */
    public CatalogVersions(JdbcClient jdbc, @Qualifier(ListingPool.LISTING) JdbcClient listing) {
        this.jdbc = jdbc;
        this.listing = listing;
    }

    /** Route {@code fetch-catalog}, last step of the sync's transaction: what it stored is a new version. */
    public void synced(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        moved(sync.shopId());
    }

    /** The shop's products changed: call in the transaction that changed them, so both commit together. */
    public void moved(long shopId) {
        jdbc.sql("""
                UPDATE shop SET catalog_version = catalog_version + 1,
                       catalog_products = (SELECT COUNT(*) FROM product WHERE shop_id = :shop)
                WHERE id = :shop""")
            .param("shop", shopId).update();
    }

    /** The shop's current version, or empty when there is no such shop. */
    public Optional<Version> current(long shopId) {
        return listing.sql("""
                SELECT catalog_version, catalog_products, language_iso, text_languages FROM shop WHERE id = :shop""")
            .param("shop", shopId)
            .query((rs, n) -> new Version(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))).optional();
    }
}
