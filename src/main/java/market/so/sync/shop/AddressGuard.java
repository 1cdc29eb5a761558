package market.so.sync.shop;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses shop addresses that resolve to loopback, private, link-local or other non-public space, so
 * that a registration can never make us probe our own network. It is also the DNS resolver of the
 * HTTP client: the check happens at every connection, not once at registration, which also defeats
 * a host that resolves to a public address first and a private one later.
 */
@Component
public class AddressGuard implements DnsResolver {

    private final boolean allowPrivateNetworks;

    public AddressGuard(@Value("${somarket.security.allow-private-networks:false}") boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        if (!allowPrivateNetworks) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new UnsafeAddress(host);
                }
            }
        }
        return addresses;
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
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0                                  // 0.0.0.0/8
            && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
            && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
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
