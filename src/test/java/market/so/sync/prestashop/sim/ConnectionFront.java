package market.so.sync.prestashop.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of the simulator's HTTP server that counts the connections clients hold open to the
 * host: what the JDK's server cannot tell. A connection counts from its accept until either side closes it
 * (the relay then closes both), so a client that leaks a pooled connection, or keeps reading an answer it
 * should have dropped, shows here. Opt-in ({@link PrestaShopSimulator#startCountingConnections()}): it costs
 * two threads per connection.
 */
final class ConnectionFront implements AutoCloseable {

    private final ServerSocket server;
    private final int backendPort;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ExecutorService threads;

    ConnectionFront(int backendPort) throws IOException {
        this.backendPort = backendPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        AtomicInteger names = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "prestashop-sim-front-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted and not yet closed by either side. */
    int open() {
        return open.get();
    }

    /** Connections accepted since the start. */
    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.incrementAndGet();
                accepted.incrementAndGet();
                threads.execute(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            client.setTcpNoDelay(true);
            backend.setTcpNoDelay(true);
            threads.execute(() -> pump(client, backend));
            pump(backend, client);
        } catch (IOException e) {
            // either side went away
        } finally {
            open.decrementAndGet();
        }
    }

    /** Copies one direction; when it ends (EOF or error), both sockets are closed. */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed under us, or the other side reset
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        threads.shutdownNow();
    }
}
