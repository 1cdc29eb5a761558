package market.so.sync.mail;

import java.util.List;
import market.so.sync.shop.RegistrationOutcome;
import market.so.sync.shop.ShopStatus;

/**
 * What a merchant's mail led to: the registration outcome the answer is about, the key candidate it was made
 * with, and the products online after the first sync.
 *
 * @param keyUsed      the key candidate of that outcome; only its hint is ever written or logged
 * @param productCount products online after the first sync; {@code null} when that sync has not finished
 * @param tried        every address tried, in the order tried (best candidate first), with what it answered
 */
public record MailOutcome(KeyEmail mail, RegistrationOutcome outcome, String keyUsed, Integer productCount, List<Tried> tried) {

    /** One address of the mail and what it answered (with the key that got furthest there). */
    public record Tried(String url, ShopStatus status) {
    }

    public MailOutcome {
        tried = tried == null ? List.of() : List.copyOf(tried);
    }

    public MailOutcome withSync(RegistrationOutcome outcome, Integer productCount) {
        return new MailOutcome(mail, outcome, keyUsed, productCount, tried);
    }

    public MailOutcome withTried(List<Tried> tried) {
        return new MailOutcome(mail, outcome, keyUsed, productCount, tried);
    }

    /** The outcome recorded for ops: the shop's status. */
    public String status() {
        return outcome.status() == null ? null : outcome.status().name();
    }

    public Long shopId() {
        return outcome.shopId();
    }

    @Override
    public String toString() {
        return "MailOutcome[" + mail.messageId() + " " + outcome.status() + " shop " + outcome.shopId() + " key "
                + KeyHint.of(keyUsed) + " products " + productCount + "]";
    }
}
