package market.so.sync.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.shop.RegistrationOutcome;
import market.so.sync.shop.RegistrationRequest;
import market.so.sync.shop.ShopRepository;
import market.so.sync.shop.ShopStatus;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shops: registration (guide §3bis, through the same route as an e-mailed key), their status, and
 * a sync on demand, pause and resume.
 */
@RestController
@RequestMapping("/api/shops")
public class ShopController {

    private final ProducerTemplate camel;
    private final RoutesAvailability routes;
    private final ShopRepository shops;

    public ShopController(ProducerTemplate camel, RoutesAvailability routes, ShopRepository shops) {
        this.camel = camel;
        this.routes = routes;
        this.shops = shops;
    }

    @PostMapping
    public ResponseEntity<?> register(@Valid @RequestBody ShopForm form) {
        if (!ApiKey.of(form.apiKey()).wellFormed()) {
            return ResponseEntity.badRequest().body(ApiError.of("INVALID_KEY",
                "a webservice key is 32 characters: letters, digits and @ # ? - _ (merchant guide §2)", "apiKey"));
        }
        routes.require();
        RegistrationOutcome outcome = camel.requestBody("direct:register-shop",
            new RegistrationRequest(form.url(), form.apiKey(), form.contactEmail(), "api"), RegistrationOutcome.class);
        ShopView shop = outcome.shopId() == null ? null : shops.find(outcome.shopId()).map(ShopView::of).orElse(null);
        if (outcome.connected()) {
            return ResponseEntity.status(outcome.newShop() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/shops/" + outcome.shopId()))
                .body(shop);
        }
        String message = outcome.statusDetail() + (outcome.status().guideStep() == null ? ""
            : " (merchant guide " + outcome.status().guideStep() + ")")
            + (outcome.shopId() == null ? "" : "; the shop keeps its previous key");
        HttpStatus status = outcome.status() == ShopStatus.INVALID_URL ? HttpStatus.BAD_REQUEST
            : HttpStatus.UNPROCESSABLE_ENTITY;
        String field = outcome.status().isKeyProblem() ? "apiKey" : "url";
        return ResponseEntity.status(status).body(new ApiError(outcome.status().name(), message, field, shop));
    }

    @GetMapping
    public List<ShopView> list() {
        return shops.findAll().stream().map(ShopView::of).toList();
    }

    @GetMapping("/{id}")
    public ShopView get(@PathVariable long id) {
        return shops.find(id).map(ShopView::of).orElseThrow(() -> new ApiErrors.NotFound("no shop " + id));
    }

    /** Ops take a shop out of the runs (its catalogue stays as stored) and put it back. */
    @PostMapping("/{id}/pause")
    public ShopView pause(@PathVariable long id) {
        return paused(id, true);
    }

    @PostMapping("/{id}/resume")
    public ShopView resume(@PathVariable long id) {
        return paused(id, false);
    }

    private ShopView paused(long id, boolean paused) {
        if (!shops.setPaused(id, paused)) {
            throw new ApiErrors.NotFound("no shop " + id);
        }
        return get(id);
    }

    @PostMapping("/{id}/sync")
    public ResponseEntity<Map<String, Object>> sync(@PathVariable long id) {
        shops.find(id).orElseThrow(() -> new ApiErrors.NotFound("no shop " + id));
        routes.require();
        camel.asyncRequestBodyAndHeader("direct:sync-shop", id, "syncTrigger", "api");
        return ResponseEntity.accepted().body(Map.of("shopId", id, "sync", "started"));
    }
}
