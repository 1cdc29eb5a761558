package market.so.sync.api;

import java.util.List;
import market.so.sync.catalog.category.CategoryMappings;
import market.so.sync.catalog.category.Taxonomy;
import market.so.sync.shop.ShopRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * So.market's categories, and a shop's categories with the merchant's mapping to them (guide §3bis,
 * last step: "associez les catégories de votre boutique à celles de So.market").
 */
@RestController
public class CategoryController {

    private final Taxonomy taxonomy;
    private final CategoryMappings mappings;
    private final ShopRepository shops;

    public CategoryController(Taxonomy taxonomy, CategoryMappings mappings, ShopRepository shops) {
        this.taxonomy = taxonomy;
        this.mappings = mappings;
        this.shops = shops;
    }

    public record CategoryView(String code, String label, String parentCode) {
    }

    @GetMapping("/api/categories")
    public List<CategoryView> taxonomy() {
        return taxonomy.entries().stream().map(e -> new CategoryView(e.code(), e.label(), e.parentCode())).toList();
    }

    @GetMapping("/api/shops/{id}/categories")
    public List<CategoryMappings.ShopCategoryView> shopCategories(@PathVariable long id) {
        requireShop(id);
        return mappings.list(id);
    }

    /** Sets mappings and re-maps the shop's stored products at once; answers the updated list. */
    @PutMapping("/api/shops/{id}/category-mapping")
    public ResponseEntity<List<CategoryMappings.ShopCategoryView>> map(@PathVariable long id,
                                                                      @RequestBody List<CategoryMappings.Change> changes) {
        requireShop(id);
        int moved = mappings.apply(id, changes == null ? List.of() : changes);
        return ResponseEntity.ok().header("X-Products-Remapped", String.valueOf(moved)).body(mappings.list(id));
    }

    @ExceptionHandler(CategoryMappings.Refused.class)
    public ResponseEntity<ApiError> refused(CategoryMappings.Refused e) {
        return ResponseEntity.status(e.malformed() ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY)
            .body(ApiError.of(e.error(), e.getMessage(), e.field()));
    }

    private void requireShop(long id) {
        shops.find(id).orElseThrow(() -> new ApiErrors.NotFound("no shop " + id));
    }
}
