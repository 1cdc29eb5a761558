package market.so.sync.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * {@code /actuator/health} tells anyone whether the service is up, and only ops what it is made of
 * (issue 10: the mailbox host and user and the disk path were shown to anyone).
 */
@SyncTest
@SuppressWarnings("unchecked")
class HealthDetailsTest {

    @Autowired TestRestTemplate rest;
    static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() { };

    @Autowired ObjectMapper json;

    @Test
    void anonymousCallersSeeTheStatusOnly() throws Exception {
        ResponseEntity<String> health = rest.getForEntity("/actuator/health", String.class);

        assertThat(health.getStatusCode().value()).isIn(200, 503);
        Map<String, Object> body = json.readValue(health.getBody(), MAP);
        // the names of the probe groups (liveness, readiness) are listed, nothing of what the service is made of
        assertThat(body.keySet()).containsExactlyInAnyOrder("status", "groups");
        assertThat(health.getBody()).doesNotContain("mailbox").doesNotContain("127.0.0.1").doesNotContain("hello@")
            .doesNotContain("diskSpace").doesNotContain("path");
        // a component asked for by name is not shown either
        assertThat(rest.getForEntity("/actuator/health/mailbox", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity("/actuator/health/diskSpace", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void livenessAndReadinessStayOpen() throws Exception {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            ResponseEntity<String> answer = rest.getForEntity(probe, String.class);
            assertThat(answer.getStatusCode()).as(probe).isEqualTo(HttpStatus.OK);
            assertThat(json.readValue(answer.getBody(), MAP)).as(probe).containsEntry("status", "UP");
        }
    }

    @Test
    void opsSeeEveryComponentWithItsDetails() throws Exception {
        ResponseEntity<String> health = rest.withBasicAuth("ops", "test-ops-password").getForEntity("/actuator/health", String.class);

        Map<String, Object> components = (Map<String, Object>) json.readValue(health.getBody(), MAP).get("components");
        assertThat(components).containsKeys("mailbox", "db", "diskSpace");
        assertThat((Map<String, Object>) ((Map<String, Object>) components.get("mailbox")).get("details")).containsKey("server");
        assertThat((Map<String, Object>) ((Map<String, Object>) components.get("diskSpace")).get("details")).containsKey("path");
        assertThat(rest.withBasicAuth("ops", "test-ops-password").getForEntity("/actuator/health/mailbox", String.class)
            .getStatusCode().value()).isIn(200, 503);
    }

    @Test
    void wrongCredentialsDoNotOpenTheDetails() {
        ResponseEntity<String> health = rest.withBasicAuth("ops", "not-the-password").getForEntity("/actuator/health", String.class);
        assertThat(health.getBody()).doesNotContain("components");
    }
}
