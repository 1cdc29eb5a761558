package market.so.sync.prestashop.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The switches a test flips on one shop to reproduce what merchants' servers really do (webservice
 * off, Authorization stripped by a CGI host, no URL rewriting, a module that breaks one product,
 * a slow or overloaded host). Fields are volatile or concurrent because tests flip them while
 * requests are in flight.
 */
final class Behaviour {

    /** The status (and optional Retry-After) the next few requests answer. */
    record Failure(int status, Integer retryAfterSeconds) {
    }

    volatile boolean webserviceDisabled;
    volatile boolean stripAuthorization;
    volatile boolean noRewrite;
    volatile boolean notPrestashop;
    volatile boolean shopNotAllowed;
    /** The merchant deleted (or disabled) the key: it answers as an unknown key until restored. */
    volatile boolean keyRevoked;
    /** The webservice does not know the {@code price[...]} fields (400, code 35, as the oldest versions answer). */
    volatile boolean priceFieldsRefused;
    volatile Duration latency = Duration.ZERO;
    volatile String version = "8.1.2";
    volatile Failure failure = new Failure(503, null);
    final AtomicInteger failuresLeft = new AtomicInteger();
    final Set<String> deniedGet = ConcurrentHashMap.newKeySet();
    /** {@code resource.field} a {@code display=[...]} list may not name (400, code 35); {@code display=full} shows it. */
    final Set<String> refusedFields = ConcurrentHashMap.newKeySet();
    final Set<Long> failingProducts = ConcurrentHashMap.newKeySet();
    final Set<Long> failingOffsets = ConcurrentHashMap.newKeySet();
    /** Products rendered without any price field (neither {@code price} nor the {@code price[...]} ones). */
    final Set<Long> pricelessProducts = ConcurrentHashMap.newKeySet();
    final Map<String, Duration> slowPaths = new ConcurrentHashMap<>();
    /** Answers whose body misbehaves (trickle, cut, oversized, endless, XML 503), first planned first. */
    final List<BodyFault> bodyFaults = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Host header (lower case, with port) to the base URL PrestaShop's canonical redirect sends it to. */
    final Map<String, String> redirectsByHost = new ConcurrentHashMap<>();

    /** Takes one of the scheduled failures, if any is left. */
    Failure takeFailure() {
        Failure current = failure;
        return failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? current : null;
    }

    /** The body fault planned for this path, if one is left (and then counted as used). */
    BodyFault takeBodyFault(String path, Map<String, String> params) {
        for (BodyFault fault : bodyFaults) {
            if (fault.matches(path, params) && fault.take()) {
                return fault;
            }
        }
        return null;
    }

    Duration delayFor(String path) {
        Duration delay = latency;
        for (Map.Entry<String, Duration> slow : slowPaths.entrySet()) {
            if (path.startsWith(slow.getKey()) && slow.getValue().compareTo(delay) > 0) {
                delay = slow.getValue();
            }
        }
        return delay;
    }
}
