package market.so.sync.prestashop.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import market.so.sync.support.LoopbackHttpServer;

/**
 * A PrestaShop 8.1.2 webservice simulator on loopback: many shops, each in its own sub-folder of
 * one HTTP server ({@code http://127.0.0.1:PORT/NAME}), serving the recorded demo shop or generated
 * catalogues of any size, and misbehaving on demand. Each request is served on its own thread (a
 * cached pool) so that slow answers of many shops overlap as they would on many real hosts.
 */
public final class PrestaShopSimulator implements AutoCloseable {

    private static final Pattern SHOP_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Fixtures fixtures = Fixtures.load();
    private final byte[] jpeg = FrontPages.tinyJpeg();
    private final Map<String, SimShop> shops = new ConcurrentHashMap<>();
    private final Map<String, ShopHandler> handlers = new ConcurrentHashMap<>();
    private final InFlight inFlight = new InFlight();
    private ConnectionFront front;

    private PrestaShopSimulator(int port) throws IOException {
        server = LoopbackHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "prestashop-sim-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::route);
        server.start();
    }

    /** Starts on a free port. */
    public static PrestaShopSimulator start() {
        return start(0);
    }

    /** Starts on the given port (0 = any free port). */
    public static PrestaShopSimulator start(int port) {
        try {
            return new PrestaShopSimulator(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts on a free port behind a relay that counts the connections clients hold open to this host
     * ({@link #openConnections()}); shops must be added after the start.
     */
    public static PrestaShopSimulator startCountingConnections() {
        PrestaShopSimulator simulator = start(0);
        try {
            simulator.front = new ConnectionFront(simulator.server.getAddress().getPort());
        } catch (IOException e) {
            simulator.close();
            throw new UncheckedIOException(e);
        }
        return simulator;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return front != null ? front.port() : server.getAddress().getPort();
    }

    /** Connections clients hold open to this host now (only when started by {@link #startCountingConnections()}). */
    public int openConnections() {
        if (front == null) {
            throw new IllegalStateException("start the simulator with startCountingConnections() to count connections");
        }
        return front.open();
    }

    /** Connections accepted since the start (only when started by {@link #startCountingConnections()}). */
    public int connectionsAccepted() {
        if (front == null) {
            throw new IllegalStateException("start the simulator with startCountingConnections() to count connections");
        }
        return front.accepted();
    }

    /** Adds the recorded 8.1.2 demo shop (key {@link SimShop#FIXTURE_KEY}) at {@code baseUrl()/name}. */
    public SimShop fixtureShop(String name) {
        return register(SimShop.fixture(checked(name), baseUrl() + "/" + name, fixtures));
    }

    /** Adds a shop of {@code products} generated products (ids 1..N) with a random key at {@code baseUrl()/name}. */
    public SimShop generatedShop(String name, long products) {
        return register(SimShop.generated(checked(name), baseUrl() + "/" + name, products, fixtures));
    }

    /** The shop registered under this name, or null. */
    public SimShop shop(String name) {
        return shops.get(name);
    }

    private String checked(String name) {
        if (!SHOP_NAME.matcher(name).matches() || name.equals("api") || name.equals("img")) {
            throw new IllegalArgumentException("a shop name is a path segment such as 'demo' or 'shop-42': " + name);
        }
        if (shops.containsKey(name)) {
            throw new IllegalArgumentException("a shop named " + name + " already exists");
        }
        return name;
    }

    private SimShop register(SimShop shop) {
        handlers.put(shop.name(), new ShopHandler(shop, jpeg, inFlight));
        shops.put(shop.name(), shop);
        return shop;
    }

    /**
     * The most requests (all shops together: they share this one host) ever held at the same time while
     * their latency ran: what a client had in flight here, for shops with a latency set.
     */
    public int mostConcurrentRequests() {
        return inFlight.most();
    }

    public void resetConcurrency() {
        inFlight.reset();
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            int slash = path.indexOf('/', 1);
            String name = slash < 0 ? path.substring(1) : path.substring(1, slash);
            ShopHandler handler = handlers.get(name);
            if (handler == null) {
                Reply.send(exchange, 404, "text/html; charset=utf-8", FrontPages.notFound(path), Map.of());
                return;
            }
            handler.handle(exchange, slash < 0 ? "" : java.net.URLDecoder.decode(
                    path.substring(slash).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // A bug of the simulator must show in the test (status 599 and a stack trace), not hang the client.
            e.printStackTrace();
            try {
                Reply.send(exchange, 599, "text/plain", "simulator failure: " + e, Map.of());
            } catch (IOException | RuntimeException alreadyAnswering) {
                // the answer had started: the client sees a cut connection
            }
        }
    }

    /** Stops the server at once; requests in flight are cut. */
    @Override
    public void close() {
        if (front != null) {
            front.close();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
