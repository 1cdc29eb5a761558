package market.so.sync.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedFileInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.so.sync.mail.KeyEmail.Problem;
import market.so.sync.mail.MimeTextExtractor.MailText;
import market.so.sync.mail.TextRegion.Origin;
import org.springframework.stereotype.Component;

/**
 * Reads a merchant's e-mail into a {@link KeyEmail}: who wrote, in which language, which keys and shop
 * addresses it holds. Never throws: a mail that cannot be read comes back with {@link Problem#UNREADABLE}, so
 * that the merchant still gets an answer and the mailbox keeps flowing.
 *
 * <p>The rules (where keys and addresses hide, what is never one) are those of issue 3; they live in
 * {@link KeyFinder}, {@link ShopUrlFinder}, {@link TextRegions} and {@link MimeTextExtractor} so that each can be
 * read on its own.
 */
@Component
public class KeyEmailReader {

    private static final Pattern FORWARD_SUBJECT = Pattern.compile("(?i)^\\s*(fwd?|tr|fw|wg|transf[ée]r[ée])\\s*:.*");
    private static final Pattern ADDRESS = Pattern.compile("[\\w.+'%-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final int SUBJECT_CAP = 2000;

    private final Session session;
    private final MimeTextExtractor extractor = new MimeTextExtractor();
    private final KeyFinder keys = new KeyFinder();
    private final ShopUrlFinder urls = new ShopUrlFinder();

    public KeyEmailReader() {
        Properties properties = new Properties();
        // merchants' clients write addresses and parameters the strict RFC parsers refuse
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.parameters.strict", "false");
        this.session = Session.getInstance(properties);
    }

    public KeyEmail read(byte[] raw) {
        try {
            return read(new MimeMessage(session, new ByteArrayInputStream(raw)));
        } catch (MessagingException | RuntimeException e) {
            return unreadable(null, digest(raw));
        }
    }

    /** Reads the whole stream (as Jakarta Mail would); for large files prefer {@link #read(Path)}. */
    public KeyEmail read(InputStream raw) {
        try {
            return read(raw.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return unreadable(null, "sha256:" + HexFormat.of().formatHex(new byte[32]));
        }
    }

    /**
     * Reads a mail from a file without loading it: parts are views on the file, so a 10 MB attachment costs
     * neither memory nor decoding time.
     */
    public KeyEmail read(Path file) {
        try (SharedFileInputStream in = new SharedFileInputStream(file.toFile())) {
            return read(new MimeMessage(session, in));
        } catch (IOException | MessagingException | RuntimeException e) {
            return unreadable(null, contentHash(file.toAbsolutePath().toString()));
        }
    }

    /** The form camel-mail hands over with {@code mapMailMessage=false} (an IMAP or POP3 message). */
    public KeyEmail read(Message message) {
        try {
            return parse(message);
        } catch (MessagingException | RuntimeException e) {
            return unreadable(message, null);
        }
    }

    private KeyEmail parse(Message message) throws MessagingException {
        String from = firstAddress(header(message, "From"));
        String replyTo = firstAddress(header(message, "Reply-To"));
        String subject = subject(message);
        String messageId = cleanId(header(message, "Message-ID"));
        MailText text = extractor.extract(message);
        boolean forward = FORWARD_SUBJECT.matcher(subject).matches();

        List<TextRegion> regions = new ArrayList<>();
        List<TextRegion> body = TextRegions.split(text.body(), forward);
        regions.addAll(body.stream().filter(r -> r.origin() == Origin.BODY).toList());
        regions.add(new TextRegion(Origin.SUBJECT, subject));
        text.attachments().forEach(attachment -> regions.add(new TextRegion(Origin.ATTACHMENT, attachment)));
        regions.addAll(body.stream().filter(r -> r.origin() != Origin.BODY).toList());

        List<String> keyCandidates = keys.find(regions);
        List<String> urlCandidates = urls.find(regions, domainOf(from));
        String ownWords = subject + "\n" + String.join("\n", body.stream()
                .filter(r -> r.origin() == Origin.BODY || r.origin() == Origin.SIGNATURE).map(TextRegion::text).toList());
        String language = LanguageGuesser.guess(ownWords.isBlank() ? text.body() : ownWords,
                header(message, "Content-Language"));
        boolean autoReply = AutoReplyDetector.isAutoReply(message, from, subject, text.report());

        Problem problem = null;
        if (text.failures() > 0 && text.textParts() == 0 && keyCandidates.isEmpty()) {
            problem = Problem.UNREADABLE;
        } else if (keyCandidates.isEmpty()) {
            problem = Problem.NO_KEY;
        } else if (urlCandidates.isEmpty()) {
            problem = Problem.NO_URL;
        }
        if (messageId == null) {
            messageId = contentHash(from, header(message, "Date"), subject, text.body());
        }
        return new KeyEmail(messageId, from, replyTo, subject, header(message, "References"), language,
                keyCandidates, urlCandidates, autoReply, problem);
    }

    /** What can still be said of a mail whose structure broke: enough to answer and to never process it twice. */
    private KeyEmail unreadable(Message message, String fallbackId) {
        String from = null;
        String replyTo = null;
        String subject = "";
        String messageId = null;
        String references = null;
        boolean autoReply = false;
        if (message != null) {
            try {
                from = firstAddress(header(message, "From"));
                replyTo = firstAddress(header(message, "Reply-To"));
                subject = subject(message);
                messageId = cleanId(header(message, "Message-ID"));
                references = header(message, "References");
                autoReply = AutoReplyDetector.isAutoReply(message, from, subject, false);
            } catch (MessagingException | RuntimeException ignored) {
                // the headers themselves are broken: answer what we can
            }
        }
        if (messageId == null) {
            messageId = fallbackId != null ? fallbackId : contentHash(from, header(message, "Date"), subject, "unreadable");
        }
        return new KeyEmail(messageId, from, replyTo, subject, references, "fr", List.of(), List.of(), autoReply,
                Problem.UNREADABLE);
    }

    private static String header(Message message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null || values.length == 0 || values[0].isBlank() ? null : values[0].trim();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String subject(Message message) {
        String raw = header(message, "Subject");
        if (raw == null) {
            return "";
        }
        String decoded;
        try {
            decoded = MimeUtility.decodeText(MimeUtility.unfold(raw));
        } catch (IOException | RuntimeException e) {
            decoded = raw;
        }
        decoded = decoded.replaceAll("\\s+", " ").strip();
        return decoded.length() > SUBJECT_CAP ? decoded.substring(0, SUBJECT_CAP) : decoded;
    }

    /** The first address of a header, decoded and lower-cased; tolerant of what clients really write. */
    static String firstAddress(String header) {
        if (header == null) {
            return null;
        }
        try {
            Address[] addresses = InternetAddress.parseHeader(header, false);
            for (Address address : addresses) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null
                        && ADDRESS.matcher(internet.getAddress().trim()).matches()) {
                    return internet.getAddress().trim().toLowerCase(Locale.ROOT);
                }
            }
        } catch (AddressException | RuntimeException e) {
            // fall through to a plain search
        }
        Matcher matcher = ADDRESS.matcher(header);
        return matcher.find() ? matcher.group().toLowerCase(Locale.ROOT) : null;
    }

    private static String cleanId(String id) {
        if (id == null) {
            return null;
        }
        Matcher matcher = Pattern.compile("<[^<>\\s]+>").matcher(id);
        return matcher.find() ? matcher.group() : null;
    }

    static String domainOf(String address) {
        if (address == null || address.indexOf('@') < 0) {
            return null;
        }
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static String digest(byte[] raw) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Stable across re-polls of the same mail, so the idempotent consumer recognises it without a Message-ID. */
    private static String contentHash(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
