package market.so.sync.web;

import java.time.Instant;

/**
 * What a signed link to the merchant's pages grants: {@link Purpose#CONNECT} a new shop (no shop id), or
 * {@link Purpose#SHOP} one shop's pages (status, categories, a new key), until {@code expiresAt}.
 */
public record MerchantLink(Purpose purpose, Long shopId, Instant expiresAt) {

    public enum Purpose {
        CONNECT("c"), SHOP("s");

        private final String code;

        Purpose(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }

        static Purpose ofCode(String code) {
            for (Purpose p : values()) {
                if (p.code.equals(code)) {
                    return p;
                }
            }
            return null;
        }
    }

    public boolean forShop() {
        return purpose == Purpose.SHOP;
    }
}
