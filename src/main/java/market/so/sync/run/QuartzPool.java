package market.so.sync.run;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.quartz.QuartzDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Quartz's own small connection pool on the application database ({@code spring.datasource.url}, user and
 * password), sized by {@code somarket.quartz.datasource.*} (any Hikari setting). Quartz checks this node in to
 * the cluster through it: a main pool starved by syncs and page readers can no longer hold the check-in back
 * until the other nodes declare this one gone (docs/decisions/0018). {@code defaultCandidate = false}: the
 * service's repositories, Flyway and the transactions keep the one auto-configured main pool.
 */
@Configuration(proxyBeanMethods = false)
public class QuartzPool {

    @Bean(defaultCandidate = false)
    @QuartzDataSource
    @ConfigurationProperties("somarket.quartz.datasource")
    public HikariDataSource quartzDataSource(DataSourceProperties database) {
        return database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
}
