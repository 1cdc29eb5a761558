package market.so.sync.config;

import static org.assertj.core.api.Assertions.assertThat;

import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** Ops credentials guard the API and the management endpoints other than health. */
@SyncTest
class OpsAuthenticationTest {

    @Autowired TestRestTemplate rest;

    @Test
    void theApiAndMetricsNeedTheOpsPassword() {
        for (String path : new String[] {"/api/shops", "/api/sync-runs", "/actuator/prometheus"}) {
            assertThat(rest.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(rest.withBasicAuth("ops", "test-ops-passwor").getForEntity(path, String.class).getStatusCode())
                .as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(rest.withBasicAuth("ops", "test-ops-password ").getForEntity(path, String.class).getStatusCode())
                .as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(rest.withBasicAuth("root", "test-ops-password").getForEntity(path, String.class).getStatusCode())
                .as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(rest.withBasicAuth("ops", "test-ops-password").getForEntity(path, String.class).getStatusCode())
                .as(path).isEqualTo(HttpStatus.OK);
        }
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isNotEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theConfiguredPasswordIsComparedAsADigest() {
        DigestPasswordEncoder encoder = new DigestPasswordEncoder();
        String stored = encoder.encode("s3cret-ops");
        assertThat(stored).doesNotContain("s3cret").hasSize(64);
        assertThat(encoder.matches("s3cret-ops", stored)).isTrue();
        assertThat(encoder.matches("s3cret-opS", stored)).isFalse();
        assertThat(encoder.matches("", stored)).isFalse();
        assertThat(encoder.matches("s3cret-ops", null)).isFalse();
        assertThat(encoder.matches("é", encoder.encode("é"))).isTrue();
    }
}
