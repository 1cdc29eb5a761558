package market.so.sync.shop;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses shop addresses that resolve to loopback, private, link-local or other non-public space, so
 * that a registration can never make us probe our own network. It is also the DNS resolver of the
 * HTTP client: the check happens at every connection, not once at registration, which also defeats
 * a host that resolves to a public address first and a private one later.
 *
 * <p>A host that is an address is read as the URL standard reads it ({@link HostLiteral}), never by
 * Java's looser and different rules, and the connection goes to the very address that was checked.
 * An IPv6 address that embeds an IPv4 one (mapped, compatible, 6to4, NAT64, Teredo) is checked as that
 * IPv4 address too ({@link EmbeddedIpv4}).
 *
 * <p>One exception, for the demo shop only (profile {@code demo}): {@link #trust} lets exactly one
 * origin (scheme, literal loopback address, port) through, so that the demo runs with private networks
 * still refused: any other port of that address, and any name that resolves to it, stays refused
 * (docs/decisions/0020a-demo-shop.md). Nothing else calls {@link #trust}.
 */
@Component
public class AddressGuard implements DnsResolver {

    private final boolean allowPrivateNetworks;
    private final Set<String> trustedOrigins = ConcurrentHashMap.newKeySet();
    private final Set<String> trustedHosts = ConcurrentHashMap.newKeySet();

    public AddressGuard(@Value("${somarket.security.allow-private-networks:false}") boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress literal = HostLiteral.parse(host);
        InetAddress[] addresses = literal != null ? new InetAddress[] {literal}
            : SystemDefaultDnsResolver.INSTANCE.resolve(host);
        if (!allowPrivateNetworks && !trustedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new UnsafeAddress(host);
                }
            }
        }
        return addresses;
    }

    /** Lets one loopback origin such as {@code http://127.0.0.1:8099} through: the demo shop's. */
    public void trust(String origin) {
        URI uri = URI.create(origin);
        if (!uri.getHost().matches("127\\.0\\.0\\.1|\\[::1\\]") || uri.getPort() <= 0) {
            throw new IllegalArgumentException("only a literal loopback address with its port can be trusted: " + origin);
        }
        trustedOrigins.add(origin(uri));
        trustedHosts.add(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /**
     * The port check {@link #resolve} cannot make (a resolver sees host names only): an address on a
     * trusted loopback host must be the trusted origin itself. Called at registration and before every call.
     */
    public void checkOrigin(String url) throws UnsafeAddress {
        if (allowPrivateNetworks || trustedHosts.isEmpty()) {
            return;
        }
        URI uri = URI.create(url);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (trustedHosts.contains(host) && !trustedOrigins.contains(origin(uri))) {
            throw new UnsafeAddress(host + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        }
    }

    private static String origin(URI uri) {
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
            || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address v6) {
            return (b[0] & 0xfe) != 0xfc                                      // fc00::/7 unique local
                && !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) // 2001:db8::/32 documentation
                && !(b[0] == 0x01 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0
                     && b[6] == 0 && b[7] == 0)                                // 100::/64 discard
                && !EmbeddedIpv4.localNat64(v6)
                && EmbeddedIpv4.of(v6).stream().allMatch(AddressGuard::isPublic);
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0                                  // 0.0.0.0/8
            && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
            && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
            && !(first == 192 && second == 0 && (b[2] & 0xff) == 2)  // 192.0.2.0/24 documentation
            && !(first == 198 && second == 51 && (b[2] & 0xff) == 100) // 198.51.100.0/24 documentation
            && !(first == 203 && second == 0 && (b[2] & 0xff) == 113)  // 203.0.113.0/24 documentation
            && !(first == 198 && (second == 18 || second == 19))   // 198.18.0.0/15 benchmarking
            && first < 240;                                // reserved and broadcast
    }

    /** The host resolves to an address we refuse to call. */
    public static class UnsafeAddress extends UnknownHostException {
        public UnsafeAddress(String host) {
            super("the address " + host + " points to a private or local network");
        }
    }
}
