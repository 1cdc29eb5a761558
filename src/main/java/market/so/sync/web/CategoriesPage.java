package market.so.sync.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import market.so.sync.catalog.category.CategoryMappings;
import market.so.sync.shop.Shop;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Guide §3bis, step 4: the shop's categories mapped to So.market's. Saving goes through
 * {@link CategoryMappings#apply}, the code behind {@code PUT /api/shops/{id}/category-mapping}: the mappings are
 * checked whole, stored, and the shop's products re-mapped at once. "Accepter toutes les suggestions" saves the
 * suggestion of every category that has one and the merchant's choice for the others.
 */
@Controller
public class CategoriesPage {

    private final MerchantAccess access;
    private final CategoryRows rows;
    private final CategoryMappings mappings;
    private final ShopHistory history;

    public CategoriesPage(MerchantAccess access, CategoryRows rows, CategoryMappings mappings, ShopHistory history) {
        this.access = access;
        this.rows = rows;
        this.mappings = mappings;
        this.history = history;
    }

    @GetMapping("/merchant/{token}/categories")
    public ModelAndView page(@PathVariable String token, @RequestParam(required = false) Integer saved, Locale locale) {
        Shop shop = access.shopOf(access.link(token));
        if (shop == null) {
            return new ModelAndView("redirect:" + MerchantLinks.path(token, "connect"));
        }
        ModelAndView page = page(token, shop, locale);
        page.addObject("saved", saved);
        return page;
    }

    @PostMapping("/merchant/{token}/categories")
    public ModelAndView save(@PathVariable String token, @RequestParam(defaultValue = "save") String action,
                             @RequestParam Map<String, String> form, Locale locale) {
        Shop shop = access.shopOf(access.link(token));
        if (shop == null) {
            return new ModelAndView("redirect:" + MerchantLinks.path(token, "connect"));
        }
        boolean acceptAll = "accept-all".equals(action);
        List<CategoryMappings.Change> changes = new ArrayList<>();
        for (CategoryRows.Row row : rows.rows(shop.id())) {
            String chosen = form.get("c" + row.id());
            if (acceptAll && row.suggestion() != null) {
                chosen = row.suggestion().code();
            }
            if (chosen != null) {
                changes.add(new CategoryMappings.Change(row.id(), chosen));
            }
        }
        try {
            int moved = mappings.apply(shop.id(), changes);
            return new ModelAndView("redirect:" + MerchantLinks.path(token, "categories") + "?saved=" + moved);
        } catch (CategoryMappings.Refused refused) {
            ModelAndView page = page(token, shop, locale);
            page.addObject("refused", refused.error());
            page.setStatus(HttpStatus.UNPROCESSABLE_ENTITY);
            return page;
        }
    }

    private ModelAndView page(String token, Shop shop, Locale locale) {
        ModelAndView page = new ModelAndView("merchant/categories");
        List<CategoryRows.Row> list = rows.rows(shop.id()).stream().map(r -> r.inLanguage(locale)).toList();
        page.addObject("token", token);
        page.addObject("shop", shop);
        page.addObject("rows", list);
        page.addObject("groups", rows.taxonomy());
        page.addObject("suggestions", list.stream().filter(r -> r.suggestion() != null).count());
        page.addObject("unmappedRows", list.stream().filter(r -> r.mappedCode() == null).toList());
        page.addObject("unclassified", history.unclassifiedProducts(shop.id()));
        page.addObject("productsOnline", history.activeProducts(shop.id()));
        return page;
    }
}
