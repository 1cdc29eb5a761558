package market.so.sync.mail;

import market.so.sync.shop.RegistrationOutcome;

/**
 * What a merchant's mail led to: the registration outcome the answer is about, the key candidate it was made
 * with, and the products online after the first sync.
 *
 * @param keyUsed      the key candidate of that outcome; only its hint is ever written or logged
 * @param productCount products online after the first sync; {@code null} when that sync has not finished
 */
public record MailOutcome(KeyEmail mail, RegistrationOutcome outcome, String keyUsed, Integer productCount) {

    public MailOutcome withSync(RegistrationOutcome outcome, Integer productCount) {
        return new MailOutcome(mail, outcome, keyUsed, productCount);
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
