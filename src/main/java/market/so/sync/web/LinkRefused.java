package market.so.sync.web;

import java.time.Instant;

/** A link to the merchant's pages that does not open them: tampered with, expired, or for a shop that is gone. */
public class LinkRefused extends RuntimeException {

    public enum Why { INVALID, EXPIRED, NO_SHOP }

    private final Why why;
    private final Instant expiredAt;

    LinkRefused(Why why, Instant expiredAt) {
        super("merchant link refused: " + why);
        this.why = why;
        this.expiredAt = expiredAt;
    }

    public Why why() {
        return why;
    }

    /** When an expired link stopped working; null otherwise. */
    public Instant expiredAt() {
        return expiredAt;
    }
}
