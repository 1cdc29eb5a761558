package market.so.sync.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import market.so.sync.shop.AddressGuard;
import market.so.sync.shop.RegistrationOutcome;
import market.so.sync.shop.RegistrationRequest;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Profile {@code demo} only: a PrestaShop 8.1.2 look-alike with a catalogue of our own
 * ({@code demo/catalogue.yaml}) on loopback, registered through route {@code register-shop} like any
 * shop once the service is up, so that its first sync runs at once. Its key is drawn at each start and
 * never printed (or set with {@code somarket.demo.key}); {@link AddressGuard#trust} lets exactly its origin through, private networks stay refused.
 */
@Component
@Profile("demo")
public class DemoShop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoShop.class);
    private static final String KEY_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final AddressGuard guard;
    private final ProducerTemplate camel;
    private final int port;
    private final String contact;
    private final String key;
    private HttpServer server;
    private ExecutorService threads;

    public DemoShop(AddressGuard guard, ProducerTemplate camel, @Value("${somarket.demo.port:8099}") int port,
                    @Value("${somarket.demo.contact-email:bonjour@droguerie-croix-rousse.example}") String contact,
                    @Value("${somarket.demo.key:}") String key) {
        this.guard = guard;
        this.camel = camel;
        this.port = port;
        this.contact = contact;
        this.key = key == null || key.isBlank() ? drawKey() : key;
    }

    /** A key of PrestaShop's shape, for this run only (somarket.demo.key chooses one, to read the demo by hand). */
    private static String drawKey() {
        SecureRandom random = new SecureRandom();
        StringBuilder drawn = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            drawn.append(KEY_CHARACTERS.charAt(random.nextInt(KEY_CHARACTERS.length())));
        }
        return drawn.toString();
    }

    /** The shop's address, e.g. {@code http://127.0.0.1:8099}; null before start. */
    public String url() {
        return server == null ? null : "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void start() {
        DemoCatalogue catalogue;
        try (InputStream yaml = new ClassPathResource("demo/catalogue.yaml").getInputStream()) {
            catalogue = new DemoCatalogue(yaml);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo shop cannot start on 127.0.0.1:" + port
                + " (set somarket.demo.port to a free port)", e);
        }
        threads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "demo-shop");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", new DemoWebservice(catalogue, key, url()));
        server.start();
        guard.trust(url());
        log.info("demo shop \"{}\" serving {} products at {} (profile demo)", catalogue.shopName,
            catalogue.facts.size(), url());
    }

    /** Once everything is up: registered as a merchant would register it (guide §3bis), first sync included. */
    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        RegistrationOutcome outcome = camel.requestBody("direct:register-shop",
            new RegistrationRequest(url(), key, contact, "demo"), RegistrationOutcome.class);
        if (outcome.connected()) {
            log.info("demo shop registered as shop {}: a sync is running; see /api/shops/{}/products",
                outcome.shopId(), outcome.shopId());
        } else {
            log.warn("demo shop not registered: {} {}", outcome.status(), outcome.statusDetail());
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Up before the web server and Camel, down after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }
}
