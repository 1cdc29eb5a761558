package market.so.sync.mail;

import java.util.Locale;
import java.util.Set;

/**
 * Domains that appear in merchants' mails but are never their PrestaShop: webmails (a gmail.com sender has no
 * shop at gmail.com), technical links that mail clients write into HTML, So.market itself and PrestaShop's
 * documentation (merchants quote the guide); and social networks or marketplaces, which are only ranked last
 * because the merchant may, rarely, mean them.
 */
final class KnownDomains {

    private static final Set<String> WEBMAILS = Set.of("gmail.com", "googlemail.com", "outlook.com", "outlook.fr",
            "hotmail.com", "hotmail.fr", "live.com", "live.fr", "msn.com", "yahoo.com", "yahoo.fr", "ymail.com",
            "icloud.com", "me.com", "mac.com", "aol.com", "gmx.com", "gmx.fr", "gmx.de", "orange.fr", "wanadoo.fr",
            "free.fr", "sfr.fr", "neuf.fr", "laposte.net", "bbox.fr", "numericable.fr", "proton.me", "protonmail.com",
            "pm.me", "yandex.com", "yandex.ru", "mail.com", "zoho.com", "tutanota.com", "web.de", "libero.it");

    private static final Set<String> NEVER_A_SHOP = Set.of("so.market", "prestashop.com", "prestashop-project.org",
            "w3.org", "schemas.microsoft.com", "microsoft.com", "office.com", "aka.ms", "apple.com", "google.com",
            "goo.gl", "avast.com", "avg.com", "mailchimp.com", "list-manage.com", "sendinblue.com", "brevo.com",
            "mailjet.com", "outlook.office.com", "outlook.live.com", "mozilla.org", "thunderbird.net", "example.com",
            "example.org", "example.net", "xmlsoap.org", "purl.org", "gstatic.com", "googleusercontent.com");

    private static final Set<String> SOCIAL = Set.of("facebook.com", "fb.com", "fb.me", "instagram.com", "instagr.am",
            "twitter.com", "x.com", "t.co", "linkedin.com", "lnkd.in", "youtube.com", "youtu.be", "tiktok.com",
            "pinterest.com", "pinterest.fr", "pin.it", "snapchat.com", "whatsapp.com", "wa.me", "threads.net",
            "bsky.app", "vimeo.com", "tripadvisor.fr", "tripadvisor.com", "etsy.com", "amazon.fr", "amazon.com",
            "ebay.fr", "ebay.com", "leboncoin.fr", "pagesjaunes.fr", "calendly.com", "linktr.ee", "bit.ly", "g.page",
            "maps.app.goo.gl", "trustpilot.com", "avis-verifies.com", "doctolib.fr", "canva.com", "wixsite.com",
            "google.fr", "waze.com", "booking.com", "airbnb.fr", "airbnb.com", "discord.gg", "twitch.tv", "spotify.com",
            "soundcloud.com", "behance.net", "dribbble.com", "github.com", "medium.com", "substack.com");

    private KnownDomains() {
    }

    static boolean isWebmail(String host) {
        return matches(host, WEBMAILS);
    }

    static boolean isNeverAShop(String host) {
        return matches(host, NEVER_A_SHOP) || matches(host, WEBMAILS);
    }

    static boolean isSocial(String host) {
        return matches(host, SOCIAL);
    }

    /** The host itself or any of its sub-domains ({@code m.facebook.com}, {@code www.instagram.com}). */
    private static boolean matches(String host, Set<String> domains) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        while (true) {
            if (domains.contains(h)) {
                return true;
            }
            int dot = h.indexOf('.');
            if (dot < 0) {
                return false;
            }
            h = h.substring(dot + 1);
        }
    }
}
