package market.so.sync;

import market.so.sync.support.SyncTest;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@SyncTest
class ApplicationStartTest {

    @Autowired
    CamelContext camel;

    @Test
    void loadsTheYamlRoutesFromTheRoutesFolder() {
        assertThat(camel.getRoute("register-shop")).isNotNull();
        assertThat(camel.getRoute("sync-shop")).isNotNull();
        assertThat(camel.getRoute("webservice-get")).isNotNull();
    }
}
