package market.so.sync.web;

import java.time.Instant;
import java.util.Locale;
import market.so.sync.api.ApiError;
import market.so.sync.api.ApiErrors;
import market.so.sync.shop.ShopRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/merchant-links} (ops credentials): So.market's account page, or ops, asks for a signed link to
 * the merchant's pages, to connect a new shop ({@code {"purpose": "connect"}}) or for one shop
 * ({@code {"purpose": "shop", "shopId": 42}}).
 */
@RestController
public class MerchantLinkController {

    public record LinkRequest(String purpose, Long shopId) {
    }

    public record LinkAnswer(String purpose, Long shopId, String url, String path, Instant expiresAt) {
    }

    private final MerchantLinks links;
    private final ShopRepository shops;

    public MerchantLinkController(MerchantLinks links, ShopRepository shops) {
        this.links = links;
        this.shops = shops;
    }

    @PostMapping("/api/merchant-links")
    public ResponseEntity<?> create(@RequestBody LinkRequest request) {
        String purpose = request.purpose() == null ? "" : request.purpose().trim().toLowerCase(Locale.ROOT);
        String token;
        String page;
        switch (purpose) {
            case "connect" -> {
                if (request.shopId() != null) {
                    return bad("a connect link is for a new shop: leave shopId out, or ask for purpose \"shop\"", "shopId");
                }
                token = links.token(MerchantLink.Purpose.CONNECT, null);
                page = "connect";
            }
            case "shop" -> {
                if (request.shopId() == null) {
                    return bad("a shop link needs the shopId", "shopId");
                }
                shops.find(request.shopId()).orElseThrow(() -> new ApiErrors.NotFound("no shop " + request.shopId()));
                token = links.token(MerchantLink.Purpose.SHOP, request.shopId());
                page = "";
            }
            default -> {
                return bad("purpose is \"connect\" (a new shop) or \"shop\" (one shop's pages)", "purpose");
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new LinkAnswer(purpose, request.shopId(),
            links.url(token, page), MerchantLinks.path(token, page), links.expiryOf(token)));
    }

    private static ResponseEntity<ApiError> bad(String message, String field) {
        return ResponseEntity.badRequest().body(ApiError.of("INVALID_LINK_REQUEST", message, field));
    }
}
