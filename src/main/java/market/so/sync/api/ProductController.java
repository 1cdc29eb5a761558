package market.so.sync.api;

import market.so.sync.catalog.ProductQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The stored products of a shop, as the So.market site reads them. */
@RestController
@RequestMapping("/api/shops/{id}/products")
public class ProductController {

    private final ProductQueries products;

    public ProductController(ProductQueries products) {
        this.products = products;
    }

    @GetMapping
    public ProductQueries.Page list(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        // one statement answers both whether the shop exists and its page (ProductQueries)
        return products.page(id, Math.max(0, page), Math.max(1, Math.min(size, 200)))
            .orElseThrow(() -> new ApiErrors.NotFound("no shop " + id));
    }
}
