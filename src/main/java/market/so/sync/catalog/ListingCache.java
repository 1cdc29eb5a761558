package market.so.sync.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The JSON of listing pages, kept per shop and catalogue version (docs/decisions/0023). Each request reads
 * the shop's version from the database (one primary-key look-up) and answers the bytes cached for that
 * version, page and size; only a page not cached yet costs the page statement and Jackson. A sync or a
 * category mapping moves the version in its own transaction, so the next request of every node asks for a
 * page of the new version: nothing is ever invalidated by hand, pages of old versions are simply no longer
 * asked for and leave the cache when idle or when room is needed.
 *
 * <p>A page is read after the version: it may hold data newer than its key (a sync committed in between,
 * harmless, the next request has the new key), never older.
 */
@Component
public class ListingCache {

    /**
     * {@code page} is -1 and {@code after} the cursor for a page asked by cursor; {@code after} is -1 otherwise.
     * {@code language}: another language of the shop, null for its default.
     */
    record Key(long shopId, long version, int page, long after, int size, String language) {
    }

    private final CatalogVersions versions;
    private final ProductQueries queries;
    private final ObjectMapper json;
    private final Cache<Key, byte[]> pages;

    public ListingCache(CatalogVersions versions, ProductQueries queries, ObjectMapper json, MeterRegistry registry,
                        @Value("${somarket.listing.cache-size:64MB}") DataSize size,
                        @Value("${somarket.listing.cache-idle:30m}") Duration idle) {
        this.versions = versions;
        this.queries = queries;
        this.json = json;
        this.pages = Caffeine.newBuilder()
            .maximumWeight(size.toBytes())
            .weigher((Key key, byte[] bytes) -> bytes.length + 64)
            .expireAfterAccess(idle)
            .recordStats()
            .build();
        CaffeineCacheMetrics.monitor(registry, pages, "product-pages");
    }

    /** Page number {@code page} of the shop as JSON, or empty when there is no such shop. */
    public Optional<byte[]> page(long shopId, int page, int size) {
        return answer(shopId, page, -1, size, null);
    }

    /** The same in {@code language} (an iso code, null: the shop's default), its texts falling back to the default's. */
    public Optional<byte[]> page(long shopId, int page, int size, String language) {
        return answer(shopId, page, -1, size, language);
    }

    /** The page after product {@code afterId} (keyset paging) as JSON, or empty when there is no such shop. */
    public Optional<byte[]> after(long shopId, long afterId, int size) {
        return answer(shopId, -1, afterId, size, null);
    }

    public Optional<byte[]> after(long shopId, long afterId, int size, String language) {
        return answer(shopId, -1, afterId, size, language);
    }

    private Optional<byte[]> answer(long shopId, int page, long after, int size, String asked) {
        CatalogVersions.Version version = versions.current(shopId).orElse(null);
        if (version == null) {
            return Optional.empty();
        }
        // null from the loader (the shop was deleted meanwhile) caches nothing
        return Optional.ofNullable(pages.get(new Key(shopId, version.number(), page, after, size,
            version.resolve(asked)), this::render));
    }

    private byte[] render(Key key) {
        Optional<ProductQueries.Page> page = key.page() >= 0
            ? queries.page(key.shopId(), key.page(), key.size(), key.language())
            : queries.after(key.shopId(), key.after(), key.size(), key.language());
        try {
            return page.isEmpty() ? null : json.writeValueAsBytes(page.get());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
