package market.so.sync.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP server for the tests' fake servers, with {@code TCP_NODELAY} on its connections. Without it the
 * JDK server writes a response's headers and its body in two segments and Nagle's algorithm holds the second until
 * the client acknowledges the first, which a Linux client delays by 40 ms: every request but the first on a
 * keep-alive connection took ~44 ms on loopback (measured 2026-12-07, the simulator's {@code languages}), where the
 * real PrestaShop 8.1.2 under Apache answers the same request in 13 ms. The JDK reads the switch
 * ({@code sun.net.httpserver.nodelay}) once, when its first server of the JVM is made, so every fake server of the
 * tests is made here.
 */
public final class LoopbackHttpServer {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackHttpServer() {
    }

    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return HttpServer.create(address, backlog);
    }
}
