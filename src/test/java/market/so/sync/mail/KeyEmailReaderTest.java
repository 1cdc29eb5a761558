package market.so.sync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import market.so.sync.mail.KeyEmail.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader over a corpus of real-shaped merchant mails (Gmail, Outlook, Apple Mail, Thunderbird, webmails;
 * French and English), each with the keys, first shop address, language, auto-reply flag and problem that a
 * human reading it would find. The expectations live in {@code expected.csv} next to the mails.
 */
class KeyEmailReaderTest {

    private static final Path CORPUS = Path.of("src/test/resources/mail/corpus");
    private final KeyEmailReader reader = new KeyEmailReader();

    record Expectation(String file, List<String> keys, String url, String language, boolean autoReply, Problem problem) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Arguments> corpus() throws IOException {
        return Files.readAllLines(CORPUS.resolve("expected.csv"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split(";", -1))
                .map(f -> new Expectation(f[0], f[1].isEmpty() ? List.of() : Arrays.asList(f[1].split("\\|")),
                        f[2].isEmpty() ? null : f[2], f[3], Boolean.parseBoolean(f[4]),
                        f[5].isEmpty() ? null : Problem.valueOf(f[5])))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void readsWhatAHumanReads(Expectation expected) throws IOException {
        KeyEmail mail = reader.read(Files.readAllBytes(CORPUS.resolve(expected.file())));

        assertThat(mail.keys()).as("keys").isEqualTo(expected.keys());
        assertThat(mail.urls().isEmpty() ? null : mail.urls().get(0)).as("first URL").isEqualTo(expected.url());
        assertThat(mail.language()).as("language").isEqualTo(expected.language());
        assertThat(mail.autoReply()).as("autoReply").isEqualTo(expected.autoReply());
        assertThat(mail.problem()).as("problem").isEqualTo(expected.problem());
        assertThat(mail.messageId()).as("message id").isNotBlank();
    }

    @Test
    void everyCorpusFileHasExpectations() throws IOException {
        List<String> listed = corpus().map(a -> ((Expectation) a.get()[0]).file()).toList();
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
        assertThat(listed).hasSizeGreaterThanOrEqualTo(24);
    }

    @Test
    void readsSenderReplyToSubjectAndThread() throws IOException {
        KeyEmail mail = reader.read(Files.readAllBytes(CORPUS.resolve("13-reply-quoting-earlier-fr.eml")));

        assertThat(mail.from()).isEqualTo("sophie@lenoir-ceramique.fr");
        assertThat(mail.replyAddress()).isEqualTo("sophie@lenoir-ceramique.fr");
        assertThat(mail.subject()).isEqualTo("Re: Votre boutique sur So.market : clé refusée");
        assertThat(mail.messageId()).isEqualTo("<0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0@lenoir-ceramique.fr>");
        assertThat(mail.references()).contains("<reply-7781@so.market>");
        assertThat(mail.hasMessageIdHeader()).isTrue();
    }

    @Test
    void withoutMessageIdTheIdIsAStableContentHash() throws IOException {
        byte[] raw = Files.readAllBytes(CORPUS.resolve("34-broken-headers-no-message-id-fr.eml"));

        KeyEmail first = reader.read(raw);
        KeyEmail again = reader.read(raw);

        assertThat(first.messageId()).startsWith("sha256:").isEqualTo(again.messageId());
        assertThat(first.hasMessageIdHeader()).isFalse();
        assertThat(first.from()).isEqualTo("savon@savonnerie-du-port.fr");
    }

    @Test
    void readsTheMessageCamelMailHandsOver() throws Exception {
        byte[] raw = Files.readAllBytes(CORPUS.resolve("12-gmail-forwarded-fr.eml"));
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));

        KeyEmail mail = reader.read(message);

        assertThat(mail.firstKey()).isEqualTo("C9Y2BRUER4DTIZPIC1PHL35SN246U3WK");
        assertThat(mail.from()).isEqualTo("paul.girard@gmail.com");
    }

    @Test
    void garbageNeverThrows() {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[random.nextInt(4096)];
            random.nextBytes(garbage);
            KeyEmail mail = reader.read(garbage);
            assertThat(mail).isNotNull();
            assertThat(mail.messageId()).isNotBlank();
        }
        assertThat(reader.read(new byte[0]).problem()).isIn(Problem.NO_KEY, Problem.UNREADABLE);
    }

    @Test
    void toStringNeverShowsTheKey() throws IOException {
        KeyEmail mail = reader.read(Files.readAllBytes(CORPUS.resolve("09-key-in-subject-fr.eml")));

        assertThat(mail.toString()).doesNotContain("JDV37BR2ZAF45GBE1HJNEQLE387K4R7D").contains("JDV3…");
    }

    /** 10 MB of PDF and 10 MB of log file: the key in the body is found, the attachments are not loaded. */
    @Test
    @Timeout(120) // a guard against a hang, not a benchmark
    void hugeAttachmentsAreSkippedOrCapped() throws IOException {
        Path file = Path.of("target", "mail", "huge-attachments.eml");
        Files.createDirectories(file.getParent());
        writeHugeMail(file);

        KeyEmail fromFile = reader.read(file);
        KeyEmail fromBytes = reader.read(Files.readAllBytes(file));

        for (KeyEmail mail : List.of(fromFile, fromBytes)) {
            assertThat(mail.keys()).containsExactly("FBHJXJL2WVMD2YNW9FQ7RCQSYL4F3SN5");
            assertThat(mail.urls()).first().isEqualTo("https://www.grandes-images-photo.fr");
            assertThat(mail.problem()).isNull();
        }
    }

    private static void writeHugeMail(Path file) throws IOException {
        String boundary = "----=_Part_42_1234567890.1743170000000";
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("""
                    Message-ID: <huge-1@grandes-images-photo.fr>\r
                    Date: Fri, 28 Mar 2025 16:00:00 +0100\r
                    From: Grandes Images <studio@grandes-images-photo.fr>\r
                    To: hello@so.market\r
                    Subject: catalogue + cle\r
                    MIME-Version: 1.0\r
                    Content-Type: multipart/mixed; boundary="%s"\r
                    \r
                    --%s\r
                    Content-Type: text/plain; charset=UTF-8\r
                    \r
                    Bonjour, notre boutique : https://www.grandes-images-photo.fr\r
                    Cle webservice : FBHJXJL2WVMD2YNW9FQ7RCQSYL4F3SN5\r
                    Le catalogue complet est en piece jointe.\r
                    --%s\r
                    Content-Type: application/pdf; name="catalogue.pdf"\r
                    Content-Disposition: attachment; filename="catalogue.pdf"\r
                    Content-Transfer-Encoding: base64\r
                    \r
                    """).formatted(boundary, boundary, boundary).getBytes(StandardCharsets.US_ASCII));
            byte[] line = "JVBERi0xLjcKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29kZT4+CnN0cmVh\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10 * 1024 * 1024 / 78; i++) {
                out.write(line);
            }
            out.write(("--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8; name=\"journal.txt\"\r\n"
                    + "Content-Disposition: attachment; filename=\"journal.txt\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] logLine = "2025-03-28 15:59:59 INFO  export produit 12345 ok (aucune cle ici)\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10 * 1024 * 1024 / logLine.length; i++) {
                out.write(logLine);
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }
}
