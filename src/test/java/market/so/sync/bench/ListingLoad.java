package market.so.sync.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import market.so.sync.support.LoopbackHttpServer;

/**
 * The load of bench.py's {@code --load} mode: C clients (threads, each with its own keep-alive
 * connection) read random pages of {@code GET /api/shops/{id}/products} as fast as they are answered,
 * until R requests were made or S seconds passed, whichever comes first. Loopback only: it refuses any
 * other target. Prints one JSON line: requests, errors, pages/s, bytes/s, latency percentiles (ms).
 *
 * <p>{@code --raw-bytes N} is the reference: the same clients against a trivial server in this process
 * (the JDK's, on loopback, 200 threads) that answers N fixed bytes to every request, so no service at all:
 * what the load generator, loopback and the machine allow.
 *
 * <pre>java -cp ... market.so.sync.bench.ListingLoad --base http://127.0.0.1:8080 --auth ops:secret
 *     --shops 1,2,3 --pages 20 --size 50 --clients 200 --requests 60000 --seconds 30 [--raw-bytes 37000]</pre>
 */
public final class ListingLoad {

    private ListingLoad() {
    }

    record Options(URI base, String auth, long[] shops, int pages, int size, int clients, long requests, long seconds,
                   int rawBytes) {
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        if (o.rawBytes() > 0) {
            HttpServer raw = rawServer(o.rawBytes(), o.clients());
            try {
                System.out.println(run(new Options(URI.create("http://127.0.0.1:" + raw.getAddress().getPort()), o.auth(),
                    o.shops(), o.pages(), o.size(), o.clients(), o.requests(), o.seconds(), o.rawBytes())));
            } finally {
                raw.stop(0);
            }
            return;
        }
        String host = o.base().getHost();
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("the listing load only runs against loopback, not " + host);
        }
        System.out.println(run(o));
    }

    static String run(Options o) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        String authorization = "Basic " + Base64.getEncoder().encodeToString(o.auth().getBytes());
        AtomicLong budget = new AtomicLong(o.requests());
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long deadline = System.nanoTime() + o.seconds() * 1_000_000_000L;
        List<Recorder> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(o.clients());
        long started = System.nanoTime();
        for (int c = 0; c < o.clients(); c++) {
            Recorder mine = new Recorder();
            latencies.add(mine);
            Thread client = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                try {
                    while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        long shop = o.shops()[random.nextInt(o.shops().length)];
                        URI uri = o.base().resolve("/api/shops/" + shop + "/products?page=" + random.nextInt(o.pages())
                            + "&size=" + o.size());
                        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", authorization)
                            .timeout(Duration.ofSeconds(60)).GET().build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                            long read = 0;
                            try (InputStream body = answer.body()) {
                                for (int r; (r = body.read(buffer)) > 0; ) {
                                    read += r;
                                }
                            }
                            bytes.addAndGet(read);
                            if (answer.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        mine.add(System.nanoTime() - t0);
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + c);
            client.setDaemon(true);
            client.start();
        }
        done.await();
        double wall = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(r -> Arrays.stream(r.values, 0, r.count)).sorted().toArray();
        return String.format(Locale.ROOT, "{\"requests\": %d, \"errors\": %d, \"wall_s\": %.2f, \"pages_per_s\": %.1f, "
                + "\"mb_per_s\": %.1f, \"p50_ms\": %.1f, \"p90_ms\": %.1f, \"p99_ms\": %.1f, \"max_ms\": %.1f}",
            all.length, errors.get(), wall, all.length / wall, bytes.get() / wall / 1e6,
            pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    /** The reference server: N fixed bytes of JSON for every request, keep-alive, one thread per client. */
    static HttpServer rawServer(int bytes, int threads) throws java.io.IOException {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) ' ');
        HttpServer server = LoopbackHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        // daemon threads: the server's stop() leaves its executor running, which would keep this JVM alive
        server.setExecutor(Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "raw-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    /** One client's latencies (nanoseconds). */
    private static final class Recorder {
        long[] values = new long[1024];
        int count;

        void add(long nanos) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = nanos;
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static Options parse(String[] args) {
        URI base = null;
        String auth = "ops:bench";
        long[] shops = null;
        int pages = 20;
        int size = 50;
        int clients = 200;
        long requests = 100_000;
        long seconds = 30;
        int rawBytes = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--base" -> base = URI.create(v);
                case "--auth" -> auth = v;
                case "--shops" -> shops = Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
                case "--pages" -> pages = Integer.parseInt(v);
                case "--size" -> size = Integer.parseInt(v);
                case "--clients" -> clients = Integer.parseInt(v);
                case "--requests" -> requests = Long.parseLong(v);
                case "--seconds" -> seconds = Long.parseLong(v);
                case "--raw-bytes" -> rawBytes = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (rawBytes > 0 && shops == null) {
            shops = new long[] {1};
        }
        if (rawBytes > 0 && base == null) {
            base = URI.create("http://127.0.0.1:1"); // replaced by the raw server's address
        }
        if (base == null || shops == null || clients < 1 || clients > 1000 || seconds > 600 || requests > 10_000_000) {
            throw new IllegalArgumentException("--base and --shops are needed; at most 1,000 clients, 600 s, 10,000,000 requests");
        }
        return new Options(base, auth, shops, pages, size, clients, requests, seconds, rawBytes);
    }
}
