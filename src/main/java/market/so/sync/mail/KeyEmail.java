package market.so.sync.mail;

import java.util.List;

/**
 * What a merchant's e-mail says, as far as joining So.market goes: who wrote, in which language, and the
 * webservice keys and shop addresses it contains, best candidate first. The route tries the candidates in
 * order; nothing here has talked to the shop yet.
 *
 * @param messageId  the {@code Message-ID} header, angle brackets included, or {@code sha256:...} of the
 *                   sender, date, subject and text when the header is missing (the idempotency key either way)
 * @param from       the sender's bare address, lower case; {@code null} when the header is unusable
 * @param replyTo    the first {@code Reply-To} address, or {@code null}
 * @param subject    the decoded subject ({@code ""} when absent)
 * @param references the original {@code References} header, to continue the thread; may be {@code null}
 * @param language   {@code "fr"} or {@code "en"}: the language the reply is written in
 * @param keys       32-character key candidates, most likely first
 * @param urls       shop address candidates (scheme and path kept, no trailing slash), most likely first; the
 *                   sender's domain comes last when it is not a webmail
 * @param autoReply  an auto-reply, vacation notice or bounce: never answered
 * @param problem    why nothing can be registered from this mail, or {@code null}
 */
public record KeyEmail(String messageId, String from, String replyTo, String subject, String references,
        String language, List<String> keys, List<String> urls, boolean autoReply, Problem problem) {

    /** Why a mail cannot lead to a registration; each has its own reply. */
    public enum Problem {
        /** No 32-character key anywhere in the mail. */
        NO_KEY,
        /** A key, but no shop address: none in the text, and the sender's domain is a webmail. */
        NO_URL,
        /** The MIME structure or the body's encoding could not be read. */
        UNREADABLE
    }

    public KeyEmail {
        keys = keys == null ? List.of() : List.copyOf(keys);
        urls = urls == null ? List.of() : List.copyOf(urls);
        subject = subject == null ? "" : subject;
    }

    /** Where the answer goes: {@code Reply-To} is honoured, as mail clients do. */
    public String replyAddress() {
        return replyTo != null ? replyTo : from;
    }

    /** False when {@link #messageId()} is a content hash: a reply cannot then be threaded with In-Reply-To. */
    public boolean hasMessageIdHeader() {
        return messageId != null && messageId.startsWith("<");
    }

    /** The best key candidate, or {@code null}. */
    public String firstKey() {
        return keys.isEmpty() ? null : keys.get(0);
    }

    /** Keys are secrets: only the first four characters ever reach a log line. */
    @Override
    public String toString() {
        return "KeyEmail[messageId=" + messageId + ", from=" + from + ", replyTo=" + replyTo + ", subject="
                + KeyHint.redact(subject, keys) + ", language=" + language + ", keys=" + keys.stream().map(KeyHint::of).toList()
                + ", urls=" + urls + ", autoReply=" + autoReply + ", problem=" + problem + "]";
    }
}
