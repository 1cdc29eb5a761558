package market.so.sync.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walks a mail's MIME tree and keeps only what a human would read: the body (plain text preferred in a
 * multipart/alternative, HTML turned into text otherwise), text attachments, and forwarded messages.
 *
 * <p>Bounded on purpose: a merchant may attach a 10 MB catalogue PDF. Non-text parts are skipped from their
 * headers alone (their content is never decoded), text is read up to {@link #PART_CAP} bytes a part and
 * {@link #TOTAL_CAP} characters in all, and the tree is walked to {@link #MAX_DEPTH} levels. Errors in one part
 * are counted, not thrown, so that one broken attachment does not hide the key in the body.
 */
final class MimeTextExtractor {

    static final int PART_CAP = 256 * 1024;
    static final int TOTAL_CAP = 1024 * 1024;
    static final int MAX_DEPTH = 8;
    static final int MAX_PARTS = 200;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** What was read. {@code failures} counts parts whose structure or encoding could not be decoded. */
    record MailText(String body, List<String> attachments, boolean report, int textParts, int failures) {
    }

    MailText extract(Part message) {
        Walk walk = new Walk();
        walk.part(message, 0);
        return new MailText(walk.body.toString().strip(), List.copyOf(walk.attachments), walk.report, walk.textParts,
                walk.failures);
    }

    /** One traversal's mutable state, kept out of the (stateless, shareable) extractor. */
    private static final class Walk {
        final StringBuilder body = new StringBuilder();
        final List<String> attachments = new ArrayList<>();
        boolean report;
        int textParts;
        int failures;
        int parts;
        int chars;

        void part(Part part, int depth) {
            if (depth > MAX_DEPTH || ++parts > MAX_PARTS || chars >= TOTAL_CAP) {
                return;
            }
            try {
                if (part.isMimeType("multipart/*")) {
                    multipart(part, depth);
                } else if (part.isMimeType("message/rfc822")) {
                    forwarded(part, depth);
                } else if (isAttachment(part)) {
                    if (isTextAttachment(part)) {
                        String text = read(part);
                        attachments.add(part.isMimeType("text/html") ? HtmlText.toText(text) : text);
                    }
                } else if (part.isMimeType("text/plain")) {
                    appendBody(read(part));
                } else if (part.isMimeType("text/html")) {
                    appendBody(HtmlText.toText(read(part)));
                }
                // anything else (images, calendars, signatures, delivery-status) is not read at all
            } catch (MessagingException | IOException | RuntimeException e) {
                failures++;
            }
        }

        private void multipart(Part part, int depth) throws MessagingException, IOException {
            if (part.isMimeType("multipart/report")) {
                report = true;
            }
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new MessagingException("multipart without parts");
            }
            if (part.isMimeType("multipart/alternative")) {
                alternative(multipart, depth);
                return;
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                part(multipart.getBodyPart(i), depth + 1);
            }
        }

        /** The plain-text version when it says something, else the richest other one (HTML, or a related tree). */
        private void alternative(Multipart multipart, int depth) throws MessagingException {
            BodyPart fallback = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart candidate = multipart.getBodyPart(i);
                if (candidate.isMimeType("text/plain") && !isAttachment(candidate)) {
                    int before = body.length();
                    part(candidate, depth + 1);
                    if (!body.substring(before).isBlank()) {
                        return;
                    }
                } else if (candidate.isMimeType("text/html") || candidate.isMimeType("multipart/*")) {
                    fallback = candidate;
                }
            }
            if (fallback != null) {
                part(fallback, depth + 1);
            }
        }

        /** A message attached whole ("forward as attachment"): its headers and text, marked as forwarded. */
        private void forwarded(Part part, int depth) throws MessagingException, IOException {
            Object content = part.getContent();
            if (!(content instanceof MimeMessage inner)) {
                return;
            }
            StringBuilder header = new StringBuilder(TextRegions.FORWARD_MARKER).append('\n');
            Address[] from = inner.getFrom();
            if (from != null && from.length > 0) {
                header.append("From: ").append(from[0]).append('\n');
            }
            if (inner.getSubject() != null) {
                header.append("Subject: ").append(inner.getSubject()).append('\n');
            }
            appendBody(header.toString());
            part(inner, depth + 1);
        }

        private void appendBody(String text) {
            if (text == null || text.isBlank()) {
                return;
            }
            if (!body.isEmpty()) {
                body.append("\n\n");
            }
            body.append(text.strip());
        }

        private String read(Part part) throws MessagingException, IOException {
            byte[] bytes;
            boolean truncated;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readNBytes(PART_CAP);
                truncated = bytes.length == PART_CAP && in.read() != -1;
            }
            textParts++;
            String text = decode(bytes, truncated, charsetOf(part));
            if (chars + text.length() > TOTAL_CAP) {
                text = text.substring(0, Math.max(0, TOTAL_CAP - chars));
            }
            chars += text.length();
            return text;
        }
    }

    static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName(part) != null;
    }

    /** A .txt file, whatever type the client gave it (Outlook sends application/octet-stream), or any text/plain. */
    private static boolean isTextAttachment(Part part) throws MessagingException {
        String name = fileName(part);
        if (name != null) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.endsWith(".txt") || lower.endsWith(".text");
        }
        return part.isMimeType("text/plain");
    }

    private static String fileName(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The declared charset, with the corrections mail clients need: ISO-8859-1 and US-ASCII labels are read as
     * Windows-1252 (its superset, as browsers do), since Outlook writes curly quotes and the euro sign into
     * mails it labels ISO-8859-1. Returns {@code null} when nothing usable is declared.
     */
    static Charset charsetOf(Part part) {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name == null || name.isBlank()) {
                return null;
            }
            String normalized = name.trim().replace("\"", "").toLowerCase(Locale.ROOT);
            if (normalized.equals("us-ascii") || normalized.equals("ascii")) {
                return null;
            }
            if (normalized.equals("iso-8859-1") || normalized.equals("latin1") || normalized.equals("iso8859-1")) {
                return WINDOWS_1252;
            }
            return Charset.forName(normalized);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** Undeclared charsets: UTF-8 when the bytes are valid UTF-8, else Windows-1252 (never fails). */
    static String decode(byte[] bytes, boolean truncated, Charset declared) {
        int length = bytes.length;
        if (truncated) {
            // do not let a multi-byte character cut by the cap turn the whole part into Windows-1252
            int cut = 0;
            while (cut < 3 && length > 0 && (bytes[length - 1] & 0x80) != 0) {
                length--;
                cut++;
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        if (declared != null) {
            return declared.decode(buffer).toString();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buffer).toString();
        } catch (CharacterCodingException e) {
            return WINDOWS_1252.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        }
    }
}
