package market.so.sync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import market.so.sync.mail.KeyEmail.Problem;
import market.so.sync.shop.KeyChange;
import market.so.sync.shop.RegistrationOutcome;
import market.so.sync.shop.ShopStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.so.sync.web.MerchantLink;
import market.so.sync.web.MerchantLinks;

/** The replies, built from the real templates under config/mail-templates. */
class ReplyComposerTest {

    private static final Path TEMPLATES = Path.of("config/mail-templates");
    private static final String KEY = "Q7RZ4K2M9PXW3N8B5T6HJ1CDFGLAUVYE";
    private static final String OTHER_KEY = "W3N8B5T6HJ1CDFGLAUVYEQ7RZ4K2M9PX";

    private static final MerchantLinks LINKS = new MerchantLinks("test-link-secret", Duration.ofDays(30),
            "https://pages.so.market/", Clock.systemUTC());
    /** The categories page of shop 42, behind a signed link (its signature and expiry vary). */
    private static final String CATEGORIES_LINK = "https://pages.so.market/merchant/s.42.";

    private final ReplyComposer composer = new ReplyComposer(TEMPLATES, "https://so.market/", LINKS);

    static KeyEmail mail(String language, String subject, Problem problem) {
        return new KeyEmail("<abc-123@boutique-test.fr>", "marie@boutique-test.fr", null, subject,
                "<root-1@boutique-test.fr>", language, problem == Problem.NO_KEY ? List.of() : List.of(KEY, OTHER_KEY),
                problem == Problem.NO_URL ? List.of() : List.of("https://www.boutique-test.fr"), false, problem);
    }

    static RegistrationOutcome outcome(ShopStatus status, KeyChange change) {
        return new RegistrationOutcome(42L, "https://www.boutique-test.fr", status, "detail for ops",
                status == ShopStatus.MISSING_PERMISSION ? List.of("stock_availables", "specific_prices") : List.of(),
                change, change == KeyChange.NEW_SHOP);
    }

    static Stream<Arguments> everyOutcome() {
        return Stream.of("fr", "en").flatMap(language -> Stream.of(ShopStatus.values()).flatMap(status ->
                Stream.of(KeyChange.values()).map(change -> Arguments.of(language, status, change))));
    }

    @Test
    void whenNoAddressAnsweredTheAnswerListsEveryAddressTriedBestFirstWithWhatItAnswered() {
        KeyEmail mail = new KeyEmail("<ip-1@atelier.test>", "claire@atelier.test", null, "Ma clé", null, "fr", List.of(KEY),
                List.of("http://203.0.113.7/boutique", "https://www.facebook.com/atelier", "https://atelier.test"), false, null);
        RegistrationOutcome unreachable = new RegistrationOutcome(null, "http://203.0.113.7/boutique", ShopStatus.UNREACHABLE,
                "connect timed out", List.of(), null, false);
        MailOutcome outcome = new MailOutcome(mail, unreachable, KEY, null, List.of(
                new MailOutcome.Tried("http://203.0.113.7/boutique", ShopStatus.UNREACHABLE),
                new MailOutcome.Tried("https://www.facebook.com/atelier", ShopStatus.NOT_PRESTASHOP),
                new MailOutcome.Tried("https://atelier.test", ShopStatus.NOT_PRESTASHOP)));

        String body = composer.forRegistration(outcome).body();

        assertThat(body).contains("Nous n'avons pas réussi à joindre http://203.0.113.7/boutique",
                "Voici les adresses de votre message que nous avons essayées, dans cet ordre",
                "- http://203.0.113.7/boutique : votre boutique ne répondait pas au moment de l'essai.\n"
                        + "- https://www.facebook.com/atelier : l'adresse n'a pas répondu comme une boutique PrestaShop.\n"
                        + "- https://atelier.test : l'adresse n'a pas répondu comme une boutique PrestaShop.")
                .doesNotContain(KEY, "{{");
        assertThat(body.indexOf("dans cet ordre")).isLessThan(body.indexOf("L'équipe So.market"));

        // one address only: its answer already names it, no list
        MailOutcome single = new MailOutcome(mail, unreachable, KEY, null,
                List.of(new MailOutcome.Tried("http://203.0.113.7/boutique", ShopStatus.UNREACHABLE)));
        assertThat(composer.forRegistration(single).body()).doesNotContain("dans cet ordre");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyOutcome")
    void everyOutcomeHasAFilledTemplateWithoutTheKey(String language, ShopStatus status, KeyChange change) throws IOException {
        RegistrationOutcome outcome = outcome(status, change);
        String template = ReplyComposer.templateName(outcome, 17);
        assertThat(TEMPLATES.resolve(language).resolve(template + ".txt")).as("template file").isRegularFile();

        Reply reply = composer.forOutcome(mail(language, "Ma boutique " + KEY, null), outcome, 17);

        assertNoSecretAndFilled(reply);
        assertThat(reply.body()).contains("en".equals(language) ? "Hello" : "Bonjour");
    }

    @ParameterizedTest
    @EnumSource(Problem.class)
    void everyProblemHasATemplateInBothLanguages(Problem problem) {
        for (String language : List.of("fr", "en")) {
            assertThat(TEMPLATES.resolve(language).resolve(problem.name().toLowerCase().replace('_', '-') + ".txt")).isRegularFile();
            Reply reply = composer.forProblem(mail(language, "cle " + KEY, problem));
            assertNoSecretAndFilled(reply);
        }
    }

    @Test
    void connectedGivesTheCountTheCategoriesLinkAndTheConfidentialityReminder() {
        Reply reply = composer.forOutcome(mail("fr", "Inscription", null), outcome(ShopStatus.CONNECTED, KeyChange.NEW_SHOP), 128);

        assertThat(reply.body()).contains("https://www.boutique-test.fr", "128", CATEGORIES_LINK, "§3bis", "confidentielle", "Q7RZ…");
        Matcher link = Pattern.compile("https://pages\\.so\\.market/merchant/([^/\\s]+)/categories").matcher(reply.body());
        assertThat(link.find()).isTrue();
        assertThat(LINKS.verify(link.group(1))).as("the link opens shop 42's pages")
                .isEqualTo(new MerchantLink(MerchantLink.Purpose.SHOP, 42L, LINKS.expiryOf(link.group(1))));
        assertThat(reply.to()).isEqualTo("marie@boutique-test.fr");
        assertThat(reply.subject()).isEqualTo("Re: Inscription");
    }

    @Test
    void connectedBeforeTheFirstSyncEndsSaysTheImportIsUnderWay() {
        Reply reply = composer.forOutcome(mail("en", "Joining", null), outcome(ShopStatus.CONNECTED, KeyChange.NEW_SHOP), null);

        assertThat(reply.body()).contains("being imported", CATEGORIES_LINK);
    }

    @Test
    void missingPermissionNamesTheResources() {
        Reply reply = composer.forOutcome(mail("fr", "cle", null), outcome(ShopStatus.MISSING_PERMISSION, KeyChange.NEW_SHOP), null);

        assertThat(reply.body()).contains("stock_availables, specific_prices", "Voir (GET)", "§2");
    }

    @Test
    void keyChangesAreToldApart() {
        String replaced = composer.forOutcome(mail("fr", "cle", null), outcome(ShopStatus.CONNECTED, KeyChange.REPLACED), 3).body();
        String kept = composer.forOutcome(mail("fr", "cle", null),
                outcome(ShopStatus.INVALID_KEY, KeyChange.REFUSED_KEPT_PREVIOUS), null).body();

        assertThat(replaced).contains("remplace l'ancienne");
        assertThat(kept).contains("clé précédente", "ne la reconnaît pas");
    }

    @Test
    void theHintIsTheKeyActuallyUsed() {
        Reply reply = composer.forOutcome(mail("fr", "cle", null), outcome(ShopStatus.INVALID_KEY, KeyChange.NEW_SHOP), null, OTHER_KEY);

        assertThat(reply.body()).contains("W3N8…").doesNotContain(OTHER_KEY);
    }

    @Test
    void repliesAreThreaded() {
        Reply reply = composer.forProblem(mail("fr", "Re: ma boutique", Problem.NO_URL));

        assertThat(reply.subject()).isEqualTo("Re: ma boutique");
        assertThat(reply.inReplyTo()).isEqualTo("<abc-123@boutique-test.fr>");
        assertThat(reply.references()).isEqualTo("<root-1@boutique-test.fr> <abc-123@boutique-test.fr>");
    }

    @Test
    void aMailWithoutMessageIdIsAnsweredUnthreadedToItsReplyTo() {
        KeyEmail hashed = new KeyEmail("sha256:00ff", "robot@boutique-test.fr", "marie@boutique-test.fr", "", null, "fr",
                List.of(), List.of(), false, Problem.UNREADABLE);

        Reply reply = composer.forProblem(hashed);

        assertThat(reply.to()).isEqualTo("marie@boutique-test.fr");
        assertThat(reply.subject()).isEqualTo("Re: So.market");
        assertThat(reply.inReplyTo()).isNull();
        assertThat(reply.references()).isNull();
    }

    @Test
    void aKeySplitInTheSubjectIsNotQuotedBack() {
        String split = KEY.substring(0, 16) + " " + KEY.substring(16);

        Reply reply = composer.forProblem(mail("fr", "Clé " + split, Problem.NO_URL));

        assertThat(reply.subject()).isEqualTo("Re: Clé Q7RZ…");
    }

    @Test
    void templatesAreReadAtEachUseSoOpsCanEditThem(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("fr"));
        Files.writeString(dir.resolve("fr/signature.txt"), "L'équipe", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("fr/no-key.txt"), "Version 1 {{signature}}", StandardCharsets.UTF_8);
        ReplyComposer edited = new ReplyComposer(dir, "https://so.market", LINKS);
        KeyEmail noKey = mail("en", "hello", Problem.NO_KEY);

        String before = edited.forProblem(noKey).body();
        Files.writeString(dir.resolve("fr/no-key.txt"), "Version 2 {{unknown}}{{signature}}", StandardCharsets.UTF_8);
        String after = edited.forProblem(noKey).body();

        assertThat(before).isEqualTo("Version 1 L'équipe\n");
        assertThat(after).as("English falls back to French; unknown placeholders are emptied").isEqualTo("Version 2 L'équipe\n");
    }

    private static void assertNoSecretAndFilled(Reply reply) {
        for (String text : List.of(reply.subject(), reply.body())) {
            assertThat(text).doesNotContain(KEY).doesNotContain(OTHER_KEY).doesNotContain("{{").doesNotContain("}}");
            assertThat(text.replaceAll("\\s", "")).doesNotContain(KEY.substring(0, 8));
        }
        assertThat(reply.body()).doesNotContain("detail for ops");
        assertThat(reply.subject()).startsWith("Re: ");
    }
}
