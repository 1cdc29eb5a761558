package market.so.sync.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.5", "192.168.1.10", "169.254.169.254", "0.0.0.0",
        "100.64.0.1", "::1", "fe80::1", "fd00::1", "224.0.0.1", "255.255.255.255"})
    void refusesLoopbackPrivateAndLinkLocalAddresses(String ip) throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(ip))).isFalse();
        assertThatThrownBy(() -> new AddressGuard(false).resolve(ip)).isInstanceOf(AddressGuard.UnsafeAddress.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2a00:1450:4007:80a::200e"})
    void letsPublicAddressesThrough(String ip) throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(ip))).isTrue();
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
