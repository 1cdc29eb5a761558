package market.so.sync.api;

import market.so.sync.catalog.ListingCache;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stored products of a shop, as the So.market site reads them: by page number ({@code page}) or after
 * a cursor ({@code after}, the {@code next} of the previous page: keyset paging, as cheap deep as shallow).
 * {@code language} (an iso code the shop has, e.g. {@code en}): the texts in that language, each field falling back
 * to the shop's default language where the shop has none in it (docs/decisions/0026); unknown: 400.
 * The JSON of a page is cached per catalogue version and language (ListingCache, docs/decisions/0023).
 */
@RestController
@RequestMapping("/api/shops/{id}/products")
public class ProductController {

    private final ListingCache pages;

    public ProductController(ListingCache pages) {
        this.pages = pages;
    }

    @GetMapping
    public ResponseEntity<byte[]> list(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(required = false) Long after,
                                       @RequestParam(defaultValue = "50") int size,
                                       @RequestParam(required = false) String language) {
        int pageSize = Math.max(1, Math.min(size, 200));
        byte[] json = (after == null ? pages.page(id, Math.max(0, page), pageSize, language)
            : pages.after(id, after, pageSize, language))
            .orElseThrow(() -> new ApiErrors.NotFound("no shop " + id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }
}
