package market.so.sync.prestashop.sim;

import java.util.Map;

/**
 * One request a simulated shop received, as a test asserts on it: {@code path} is relative to the
 * shop (e.g. {@code /api/products}), {@code query} is decoded with any {@code ws_key} value replaced
 * by {@code ***} (so a key never ends up in a test report), {@code basicAuth}/{@code wsKey} say how
 * the client sent its key, {@code bytes} is the body size sent back, {@code clientPort} the client's end
 * of the connection it came on (two requests with the same port came on one kept-alive connection).
 */
public record SimRequest(String method, String path, Map<String, String> query, boolean basicAuth, boolean wsKey,
                         int status, long bytes, int clientPort) {
}
