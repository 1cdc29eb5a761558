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
}
