package market.so.sync.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.5", "192.168.1.10", "169.254.169.254", "0.0.0.0",
        "100.64.0.1", "::1", "fe80::1", "fd00::1", "224.0.0.1", "255.255.255.255", "192.0.2.1", "2001:db8::1", "100::1"})
    void refusesLoopbackPrivateAndLinkLocalAddresses(String ip) throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(ip))).isFalse();
        assertThatThrownBy(() -> new AddressGuard(false).resolve(ip)).isInstanceOf(AddressGuard.UnsafeAddress.class);
    }

    /** Every IPv6 form that carries an IPv4 address is checked as that address (the issue's [::127.0.0.1]). */
    @ParameterizedTest
    @ValueSource(strings = {
        "[::127.0.0.1]", "::127.0.0.1", "[::7f00:1]", "[0:0:0:0:0:0:127.0.0.1]", "[::10.0.0.1]", "[::169.254.169.254]",
        "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::ffff:10.1.2.3]", "[::ffff:192.168.0.1]", "[0:0:0:0:0:ffff:7f00:0001]",
        "[::ffff:0:127.0.0.1]", "[::ffff:0:a00:1]",                         // IPv4-translated
        "[2002:7f00:1::]", "[2002:a00:1::1]", "[2002:c0a8:101:0:0:0:0:1]", "[2002:a9fe:a9fe::]",   // 6to4
        "[64:ff9b::127.0.0.1]", "[64:ff9b::a00:1]", "[64:ff9b::192.168.1.1]", "[64:ff9b::a9fe:a9fe]", // NAT64
        "[64:ff9b:1::8.8.8.8]", "[64:ff9b:1:abcd::1]",                     // local-use NAT64: private by definition
        "[2001:0:4136:e378:8000:63bf:80ff:fffe]",                        // Teredo, client 127.0.0.1 (inverted bits)
        "[2001::4136:e378:0:0:f5ff:fffe]",                               // Teredo, client 10.0.0.1
        "[2001:0:a00:1::1]"                                              // Teredo with a private server 10.0.0.1
    })
    void checksEveryIpv6FormThatEmbedsAnIpv4AddressAsThatAddress(String host) {
        assertThatThrownBy(() -> new AddressGuard(false).resolve(host)).isInstanceOf(AddressGuard.UnsafeAddress.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::ffff:8.8.8.8]", "[2002:5db8:d822::1]", "[64:ff9b::8.8.8.8]",
        "[2001:0:4136:e378:8000:63bf:a247:27dd]", "[2a00:1450:4007:80a::200e]"})
    void letsIpv6FormsOfPublicAddressesThrough(String host) throws Exception {
        assertThat(new AddressGuard(false).resolve(host)).hasSize(1);
    }

    /**
     * Numeric hosts as the URL standard reads them (what a browser would call), not as Java reads them:
     * Java takes 0177.0.0.1 for 177.0.0.1 and cannot read 0x7f.1 at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0177.0.0.1", "0x7f.1", "0x7f.0.0.1", "0x7F000001", "127.1", "127.0.1",
        "127.0.0.1.", "0177.1", "017700000001", "0x7f.0x0.0x0.0x1", "0x0a.1", "10.0x10203", "167772161", "3232235777",
        "0xa9.0xfe.0xa9.0xfe", "0", "0x0", "00", "127.0.0.01", "0300.0250.1.1", "0.0.0.0."})
    void readsNumericHostSpellingsAsBrowsersDoAndChecksTheAddress(String host) {
        assertThatThrownBy(() -> new AddressGuard(false).resolve(host)).isInstanceOf(AddressGuard.UnsafeAddress.class);
    }

    @ParameterizedTest
    @CsvSource({
        "0177.0.0.1, 127.0.0.1", "2130706433, 127.0.0.1", "0x7f.1, 127.0.0.1", "127.1, 127.0.0.1",
        "127.0.0.1., 127.0.0.1", "0x5db8d822, 93.184.216.34", "93.0xb8.0330.34, 93.184.216.34", "1.2.3, 1.2.0.3",
        "8.8.8.8, 8.8.8.8", "[::ffff:8.8.8.8], 8.8.8.8", "0x, 0.0.0.0"
    })
    void connectsToTheVeryAddressItChecked(String host, String address) throws Exception {
        InetAddress[] resolved = new AddressGuard(true).resolve(host);
        assertThat(resolved).extracting(InetAddress::getHostAddress).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.5", "256.0.0.1", "1.2.3.256", "1.2.65536", "4294967296", "0x100000000", "1..2.3",
        "08.0.0.1", "0xg.1", "shop.fr.09", "[::1%eth0]", "[::zz]", "[1:2:3:4:5:6:7:8:9]", "1.2.3.4.5."})
    void refusesHostsThatLookNumericButAreNoAddress(String host) {
        assertThatThrownBy(() -> new AddressGuard(true).resolve(host)).isInstanceOf(HostLiteral.InvalidHost.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2a00:1450:4007:80a::200e"})
    void letsPublicAddressesThrough(String ip) throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(ip))).isTrue();
    }

    @Test
    void namesAreStillResolvedByDns() throws Exception {
        assertThat(HostLiteral.parse("shop.example.fr")).isNull();
        assertThat(HostLiteral.parse("1shop.fr")).isNull();
        assertThat(HostLiteral.parse("0x7f.shop")).isNull();
        assertThatThrownBy(() -> new AddressGuard(false).resolve("localhost")).isInstanceOf(AddressGuard.UnsafeAddress.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost"})
    void privateNetworksCanBeAllowedForTests(String host) throws Exception {
        assertThat(new AddressGuard(true).resolve(host)).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void theDemoShopsOriginAloneIsLetThrough() throws Exception {
        AddressGuard guard = new AddressGuard(false);
        guard.trust("http://127.0.0.1:18099");
        assertThat(guard.resolve("127.0.0.1")).isNotEmpty();
        guard.checkOrigin("http://127.0.0.1:18099/api/products");
        assertThatThrownBy(() -> guard.checkOrigin("http://127.0.0.1:8080/actuator/health"))
            .isInstanceOf(AddressGuard.UnsafeAddress.class);
        assertThatThrownBy(() -> guard.checkOrigin("https://127.0.0.1:18099/"))
            .isInstanceOf(AddressGuard.UnsafeAddress.class);
        // a name that resolves to loopback is still refused, and so is any other private address
        assertThatThrownBy(() -> guard.resolve("localhost")).isInstanceOf(AddressGuard.UnsafeAddress.class);
        assertThatThrownBy(() -> guard.resolve("10.0.0.1")).isInstanceOf(AddressGuard.UnsafeAddress.class);
        assertThatThrownBy(() -> guard.trust("http://10.0.0.1:80")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> guard.trust("http://localhost:18099")).isInstanceOf(IllegalArgumentException.class);
    }
}
