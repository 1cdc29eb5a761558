package market.so.sync.mail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import market.so.sync.shop.KeyChange;
import market.so.sync.shop.RegistrationOutcome;
import market.so.sync.shop.Shop;
import market.so.sync.shop.ShopStatus;
import market.so.sync.web.MerchantLinks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes the answer to a merchant's mail: what happened to their shop and exactly what to do in their
 * PrestaShop back office, citing the step of So.market's guide. French unless the merchant wrote in English.
 *
 * <p>One template per outcome, named after it ({@link ShopStatus#INVALID_KEY} → {@code invalid-key.txt}), plus
 * {@code connected-pending} (no product count yet), {@code key-replaced}, {@code key-refused-kept} and one per
 * {@link KeyEmail.Problem}. The key is never written back beyond its first four characters: templates only get
 * {@code {{keyHint}}}, and the finished text is redacted once more in case an edited template or a subject
 * carried it.
 */
@Component
public class ReplyComposer {

    private static final int MAX_REFERENCES = 10;

    private final MailTemplates templates;
    private final String siteBaseUrl;
    private final MerchantLinks links;

    /** {@code links}: the signed links to the merchant's pages that replies carry ({{categoriesLink}}). */
    public ReplyComposer(@Value("${somarket.mail.templates-dir:config/mail-templates}") Path templatesDir,
            @Value("${somarket.site.base-url:https://so.market}") String siteBaseUrl, MerchantLinks links) {
        this.templates = new MailTemplates(templatesDir);
        this.siteBaseUrl = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
        this.links = links;
    }

    /** The answer to a registration, for the best key candidate of the mail. */
    public Reply forOutcome(KeyEmail mail, RegistrationOutcome outcome, Integer productCount) {
        return forOutcome(mail, outcome, productCount, mail.firstKey());
    }

    /**
     * @param productCount products online after the first sync, or {@code null} when it has not finished yet
     * @param keyUsed      the key candidate the registration was made with (only its hint is written)
     */
    public Reply forOutcome(KeyEmail mail, RegistrationOutcome outcome, Integer productCount, String keyUsed) {
        return forOutcome(mail, outcome, productCount, keyUsed, List.of());
    }

    private Reply forOutcome(KeyEmail mail, RegistrationOutcome outcome, Integer productCount, String keyUsed,
            List<MailOutcome.Tried> tried) {
        Map<String, String> values = values(mail, keyUsed);
        values.put("triedAddresses", outcome.connected() ? "" : triedAddresses(mail, tried));
        ShopStatus status = outcome.status();
        values.put("shopUrl", outcome.url() == null ? firstOr(mail.urls(), "") : outcome.url());
        values.put("shopId", outcome.shopId() == null ? "" : outcome.shopId().toString());
        values.put("productCount", productCount == null ? "" : productCount.toString());
        // the shop's categories page, or the connect page when no shop was stored: a signed link, no login
        values.put("categoriesLink", links.categoriesUrl(outcome.shopId()));
        values.put("missingResources", outcome.missingResources() == null ? "" : String.join(", ", outcome.missingResources()));
        values.put("guideStep", status == null || status.guideStep() == null ? "" : status.guideStep());
        values.put("statusDetail", outcome.statusDetail() == null ? "" : outcome.statusDetail());
        String reason = status == null ? null : templates.line(mail.language(), "reasons", status.name());
        values.put("reason", reason == null ? "" : reason);
        return reply(mail, templateName(outcome, productCount), values, keyUsed);
    }

    /** The answer to a mail whose registration route {@code mail-intake} went through. */
    public Reply forRegistration(MailOutcome registration) {
        return forOutcome(registration.mail(), registration.outcome(), registration.productCount(), registration.keyUsed(),
                registration.tried());
    }

    /**
     * When more than one address of the mail was tried and none connected: each of them, in the order tried (the
     * likeliest shop first), with what it answered in the merchant's words ({@code reasons.txt}), so that the
     * answer is not about one address only (a Facebook page, the sender's domain) while the shop was another.
     */
    private String triedAddresses(KeyEmail mail, List<MailOutcome.Tried> tried) {
        if (tried.size() < 2) {
            return "";
        }
        String language = "en".equals(mail.language()) ? "en" : "fr";
        StringBuilder lines = new StringBuilder();
        for (MailOutcome.Tried address : tried) {
            String reason = address.status() == null ? null : templates.line(language, "reasons", address.status().name());
            lines.append("- ").append(address.url()).append("fr".equals(language) ? " : " : ": ").append(reason == null ? address.status() : reason).append('\n');
        }
        Map<String, String> values = new HashMap<>();
        values.put("addresses", lines.toString().strip());
        return templates.render(language, "tried-addresses", values).strip();
    }

    /**
     * The answer to a mail that failed {@code somarket.mailbox.max-attempts} times for a reason of ours (our
     * database, our SMTP server, a bug): the merchant is told that we have it and will come back to them, rather
     * than being left without news.
     */
    public Reply forGivenUp(KeyEmail mail) {
        return reply(mail, "processing-failed", values(mail, mail.firstKey()), mail.firstKey());
    }

    /**
     * Tells a merchant that their shop has failed {@code somarket.sync.unreachable-after} syncs in a row: why, in
     * the guide's words, and what to fix. Not a reply to a mail: a new conversation, to the shop's contact address,
     * in the shop's language when it is English, else in French.
     */
    public Reply forShopFailing(Shop shop) {
        String language = "en".equalsIgnoreCase(shop.languageIso()) ? "en" : "fr";
        ShopStatus status = shop.status() == null ? ShopStatus.SYNC_FAILED : shop.status();
        Map<String, String> values = new HashMap<>();
        values.put("shopUrl", shop.url());
        values.put("keyHint", shop.keyHint() == null ? "" : shop.keyHint());
        values.put("siteUrl", siteBaseUrl);
        values.put("failures", String.valueOf(shop.consecutiveFailures()));
        values.put("lastSuccess", shop.lastSuccessAt() == null ? "-" : shop.lastSuccessAt().toLocalDate().toString());
        values.put("reason", orEmpty(templates.line(language, "reasons", status.name())));
        values.put("fix", orEmpty(templates.line(language, "fixes", status.name()))
                .replace("{{missingResources}}", orEmpty(shop.missingResources()).replace(",", ", ")));
        values.put("statusDetail", KeyHint.redactKeyShapes(shortened(shop.statusDetail())));
        String subject = orEmpty(templates.line(language, "subjects", "shop-failing")).replace("{{shopUrl}}", shop.url());
        String body = KeyHint.redactKeyShapes(templates.render(language, "shop-failing", values));
        return new Reply(shop.contactEmail(), subject.isBlank() ? "So.market: " + shop.url() : subject, body, null, null);
    }

    /** The answer to a mail the reader could not use: no key, no shop address, or unreadable. */
    public Reply forProblem(KeyEmail mail) {
        if (mail.problem() == null) {
            throw new IllegalArgumentException("the mail has no problem to answer");
        }
        Map<String, String> values = values(mail, mail.firstKey());
        values.put("guideStep", mail.problem() == KeyEmail.Problem.NO_KEY ? "§2" : "§3");
        return reply(mail, kebab(mail.problem().name()), values, mail.firstKey());
    }

    /** Which template answers an outcome; public so that tests and ops tooling can list them. */
    public static String templateName(RegistrationOutcome outcome, Integer productCount) {
        if (outcome.keyChange() == KeyChange.REFUSED_KEPT_PREVIOUS) {
            return "key-refused-kept";
        }
        if (outcome.status() == ShopStatus.CONNECTED) {
            if (outcome.keyChange() == KeyChange.REPLACED) {
                return "key-replaced";
            }
            return productCount == null ? "connected-pending" : "connected";
        }
        return kebab(outcome.status().name());
    }

    private Map<String, String> values(KeyEmail mail, String key) {
        Map<String, String> values = new HashMap<>();
        values.put("keyHint", KeyHint.of(key));
        values.put("siteUrl", siteBaseUrl);
        values.put("senderAddress", mail.replyAddress() == null ? "" : mail.replyAddress());
        values.put("shopUrl", firstOr(mail.urls(), ""));
        return values;
    }

    private Reply reply(KeyEmail mail, String template, Map<String, String> values, String keyUsed) {
        String language = "en".equals(mail.language()) ? "en" : "fr";
        List<String> secrets = new ArrayList<>(mail.keys());
        if (keyUsed != null) {
            secrets.add(keyUsed);
        }
        String body = KeyHint.redact(templates.render(language, template, values), secrets);
        return new Reply(mail.replyAddress(), subject(mail, secrets), body, mail.hasMessageIdHeader() ? mail.messageId() : null,
                references(mail));
    }

    private static String subject(KeyEmail mail, List<String> secrets) {
        String original = KeyHint.redactKeyShapes(KeyHint.redact(mail.subject(), secrets)).strip();
        if (original.isEmpty()) {
            return "Re: So.market";
        }
        return original.toLowerCase(Locale.ROOT).startsWith("re:") ? original : "Re: " + original;
    }

    private static String references(KeyEmail mail) {
        List<String> ids = new ArrayList<>();
        if (mail.references() != null) {
            ids.addAll(Arrays.stream(mail.references().split("\\s+")).filter(id -> id.startsWith("<")).toList());
        }
        if (mail.hasMessageIdHeader()) {
            ids.add(mail.messageId());
        }
        if (ids.isEmpty()) {
            return null;
        }
        // RFC 5322 lets us trim the middle of a long chain; keep the thread's root and the latest ids
        if (ids.size() > MAX_REFERENCES) {
            List<String> kept = new ArrayList<>(ids.subList(ids.size() - (MAX_REFERENCES - 1), ids.size()));
            kept.add(0, ids.get(0));
            ids = kept;
        }
        return String.join(" ", ids);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A technical detail for the merchant's web agency: enough to search for, not a stack trace. */
    private static String shortened(String detail) {
        String text = orEmpty(detail).replace("last sync failed: ", "");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String kebab(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String firstOr(List<String> values, String fallback) {
        return values.isEmpty() ? fallback : values.get(0);
    }
}
