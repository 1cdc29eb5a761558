package market.so.sync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.so.sync.shop.KeyChange;
import market.so.sync.shop.RegistrationOutcome;
import market.so.sync.shop.RegistrationRequest;
import market.so.sync.shop.ShopStatus;
import org.junit.jupiter.api.Test;

/** Which address × key candidate a mail is registered with, and which failure the merchant is told about. */
class MailRegistrationTest {

    private static final String OLD_KEY = "OLDKEY1111111111111111111111111A";
    private static final String NEW_KEY = "NEWKEY2222222222222222222222222B";
    private final List<String> tried = new ArrayList<>();
    private final MailRegistration registration = new MailRegistration(null, null, 6);

    private static KeyEmail mail(List<String> keys, List<String> urls) {
        return new KeyEmail("<1@test>", "claire@atelier.test", null, "Clé", null, "fr", keys, urls, false, null);
    }

    private MailOutcome register(KeyEmail mail, Map<String, ShopStatus> answers) {
        return registration.tryCandidates(mail, (RegistrationRequest request) -> {
            tried.add(request.url() + " " + request.apiKey().substring(0, 3));
            ShopStatus status = answers.getOrDefault(request.url() + " " + request.apiKey(),
                    answers.getOrDefault(request.url(), ShopStatus.UNREACHABLE));
            return new RegistrationOutcome(status == ShopStatus.CONNECTED ? 7L : null, request.url(), status, null, null,
                    status == ShopStatus.CONNECTED ? KeyChange.NEW_SHOP : null, status == ShopStatus.CONNECTED);
        });
    }

    @Test
    void theFirstPairThatAnswersAsAPrestaShopWinsAndTheOtherKeysAreTriedOnlyWhereTheKeyWasRefused() {
        MailOutcome outcome = register(mail(List.of(OLD_KEY, NEW_KEY), List.of("https://agence.test", "https://shop.test")),
                Map.of("https://agence.test", ShopStatus.NOT_PRESTASHOP,
                        "https://shop.test " + OLD_KEY, ShopStatus.INVALID_KEY,
                        "https://shop.test " + NEW_KEY, ShopStatus.CONNECTED));

        assertThat(outcome.outcome().status()).isEqualTo(ShopStatus.CONNECTED);
        assertThat(outcome.keyUsed()).isEqualTo(NEW_KEY);
        assertThat(tried).containsExactly("https://agence.test OLD", "https://shop.test OLD", "https://shop.test NEW");
        assertThat(outcome.toString()).doesNotContain(NEW_KEY);
    }

    @Test
    void withoutAConnectionTheAnswerIsAboutTheCandidateThatGotFurthest() {
        MailOutcome outcome = register(mail(List.of(OLD_KEY), List.of("https://facebook.test", "https://shop.test")),
                Map.of("https://facebook.test", ShopStatus.NOT_PRESTASHOP, "https://shop.test", ShopStatus.WEBSERVICE_DISABLED));

        assertThat(outcome.outcome().status()).isEqualTo(ShopStatus.WEBSERVICE_DISABLED);
        assertThat(outcome.outcome().url()).isEqualTo("https://shop.test");        assertThat(outcome.tried()).containsExactly(new MailOutcome.Tried("https://facebook.test", ShopStatus.NOT_PRESTASHOP),
                new MailOutcome.Tried("https://shop.test", ShopStatus.WEBSERVICE_DISABLED));
    }

    @Test
    void eachAddressIsListedOnceWithWhatGotFurthestThere() {
        MailOutcome outcome = register(mail(List.of(OLD_KEY, NEW_KEY), List.of("http://203.0.113.7/boutique", "https://sender.test")),
                Map.of("http://203.0.113.7/boutique " + OLD_KEY, ShopStatus.INVALID_KEY,
                        "http://203.0.113.7/boutique " + NEW_KEY, ShopStatus.MISSING_PERMISSION,
                        "https://sender.test", ShopStatus.NOT_PRESTASHOP));

        assertThat(outcome.outcome().status()).isEqualTo(ShopStatus.MISSING_PERMISSION);
        assertThat(outcome.tried()).containsExactly(new MailOutcome.Tried("http://203.0.113.7/boutique", ShopStatus.MISSING_PERMISSION),
                new MailOutcome.Tried("https://sender.test", ShopStatus.NOT_PRESTASHOP));
    }

    @Test
    void triesAreBounded() {
        List<String> urls = List.of("https://a.test", "https://b.test", "https://c.test", "https://d.test");
        MailOutcome outcome = register(mail(List.of(OLD_KEY, NEW_KEY), urls), Map.of(
                "https://a.test", ShopStatus.INVALID_KEY, "https://b.test", ShopStatus.INVALID_KEY,
                "https://c.test", ShopStatus.INVALID_KEY, "https://d.test", ShopStatus.CONNECTED));

        assertThat(tried).hasSize(6);
        assertThat(outcome.outcome().status()).isEqualTo(ShopStatus.INVALID_KEY);
    }
}
