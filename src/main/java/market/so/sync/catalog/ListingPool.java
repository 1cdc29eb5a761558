package market.so.sync.catalog;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The product listing's own small connection pool on the application database ({@code spring.datasource.url},
 * user and password), sized by {@code somarket.listing.datasource.*} (any Hikari setting). A page's catalogue
 * version is read for every request and a page not cached yet is read once per version: through the main pool
 * they waited behind the syncs of a run, which hold a connection each for their whole transaction (the
 * benchmark saw up to 191 page requests waiting). Reads only; {@code defaultCandidate = false}: the
 * repositories, Flyway and the transactions keep the one auto-configured main pool (docs/decisions/0027).
 */
@Configuration(proxyBeanMethods = false)
public class ListingPool {

    /** The qualifier of the listing's {@link JdbcClient}. */
    public static final String LISTING = "listingJdbc";

    @Bean(defaultCandidate = false)
    @ConfigurationProperties("somarket.listing.datasource")
    public HikariDataSource listingDataSource(DataSourceProperties database) {
        HikariDataSource pool = database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setReadOnly(true);
        return pool;
    }

    @Bean(name = LISTING, defaultCandidate = false)
    public JdbcClient listingJdbc(@Qualifier("listingDataSource") DataSource listing) {
        return JdbcClient.create(listing);
    }
}
