package market.so.sync.shop;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address stands for. A connection to one of these IPv6 forms reaches (or
 * is translated to) the IPv4 address inside, so the guard checks that IPv4 address: {@code [::127.0.0.1]}
 * is loopback, {@code [2002:a00:1::]} is 10.0.0.1 behind a 6to4 relay.
 */
final class EmbeddedIpv4 {

    private EmbeddedIpv4() {
    }

    /** The embedded IPv4 addresses; empty when the address embeds none. */
    static List<Inet4Address> of(Inet6Address address) {
        byte[] b = address.getAddress();
        if (zero(b, 0, 12)) {
            return List.of(v4(b, 12, false)); // ::a.b.c.d, IPv4-compatible (RFC 4291, deprecated); also :: and ::1
        }
        if (zero(b, 0, 10) && ff(b, 10)) {
            return List.of(v4(b, 12, false)); // ::ffff:a.b.c.d, IPv4-mapped (Java usually hands these over as IPv4)
        }
        if (zero(b, 0, 8) && ff(b, 8) && zero(b, 10, 12)) {
            return List.of(v4(b, 12, false)); // ::ffff:0:a.b.c.d, IPv4-translated (RFC 2765)
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return List.of(v4(b, 2, false)); // 2002:aabb:ccdd::/16, 6to4 (RFC 3056)
        }
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
            return List.of(v4(b, 12, false)); // 64:ff9b::a.b.c.d, NAT64 well-known prefix (RFC 6052)
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            // 2001:0::/32, Teredo (RFC 4380): the server's IPv4 in bits 32-63, the client's in the last 32, inverted
            return List.of(v4(b, 4, false), v4(b, 12, true));
        }
        return List.of();
    }

    /** 64:ff9b:1::/48, NAT64 for local use (RFC 8215): a private translator, never a public shop. */
    static boolean localNat64(Inet6Address address) {
        byte[] b = address.getAddress();
        return b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean ff(byte[] b, int at) {
        return (b[at] & 0xff) == 0xff && (b[at + 1] & 0xff) == 0xff;
    }

    private static Inet4Address v4(byte[] b, int at, boolean inverted) {
        byte[] v4 = Arrays.copyOfRange(b, at, at + 4);
        if (inverted) {
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) ~v4[i];
            }
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
