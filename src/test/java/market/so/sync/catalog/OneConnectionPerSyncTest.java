package market.so.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.run.ShopOutcome;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A shop's sync holds one database connection while it waits on the shop, so the pool can be sized to the syncs
 * run at once plus a few (docs/decisions/0004). With one connection of the pool left the sync completes; with the
 * policy it had before (REQUIRES_NEW), Camel's transacted route opened a second transaction for its error handler
 * and the sync waited for a connection it could not have, then failed. (Flyway needs two at the start.)
 */
@SyncTest
@TestPropertySource(properties = {"somarket.registration.first-sync=false",
    "spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.connection-timeout=10000"})
class OneConnectionPerSyncTest {

    @Autowired TestRestTemplate rest;
    @Autowired ProducerTemplate camel;
    @Autowired TransactionTemplate transactions;
    @Autowired DataSource dataSource;

    @Test
    void aShopSyncsWithOneConnectionOfThePoolLeft() throws SQLException {
        ApiClient api = new ApiClient(rest);
        SimShop demo = SharedSimulator.get().fixtureShop("one-connection");
        long id = ApiClient.id(api.registerShop(demo.url(), demo.key(), "contact@demo.fr"));

        ShopOutcome outcome;
        try (Connection held = dataSource.getConnection()) {
            outcome = camel.requestBody("direct:sync-shop", id, ShopOutcome.class);
        }

        assertThat(outcome.result()).as(String.valueOf(outcome)).isEqualTo(ShopOutcome.Result.OK);
        assertThat(api.get("/api/shops/" + id + "/products?size=50")).containsEntry("total", 5);
    }

    @Test
    void aSyncInsideTheCallersTransactionIsRefusedSoTheCatalogueCommitsOnItsOwn() {
        ApiClient api = new ApiClient(rest);
        SimShop demo = SharedSimulator.get().fixtureShop("inside-a-transaction");
        long id = ApiClient.id(api.registerShop(demo.url(), demo.key(), "contact@demo.fr"));

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> camel.requestBody("direct:sync-shop", id)))
            .isInstanceOf(CamelExecutionException.class)
            .rootCause().hasMessageContaining("must not run inside a database transaction");
        assertThat(api.get("/api/shops/" + id + "/products?size=50")).containsEntry("total", 0);
    }
}
