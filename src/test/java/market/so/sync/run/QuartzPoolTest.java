package market.so.sync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.quartz.QuartzDataSource;

/**
 * Quartz checks this node in to its cluster table through its own small pool: with every connection of the
 * main pool taken (syncs and page readers starving it, as seen in the benchmark), the check-in goes on, so the
 * other nodes never declare a busy node gone.
 */
@SyncTest
class QuartzPoolTest {

    @Autowired DataSource main;
    @Autowired @QuartzDataSource DataSource quartz;
    @Autowired Scheduler scheduler;

    @Test
    void theSchedulerKeepsCheckingInWhileTheMainPoolIsExhausted() throws Exception {
        HikariDataSource pool = (HikariDataSource) main;
        assertThat(quartz).isNotSameAs(main);
        assertThat(((HikariDataSource) quartz).getPoolName()).isEqualTo("quartz");
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                taken.add(pool.getConnection());
            }
            assertThat(pool.getHikariPoolMXBean().getIdleConnections()).isZero();
            Connection reader = taken.get(0);
            long before = lastCheckin(reader);

            // one check-in every clusterCheckinInterval (15 s): through the main pool it would wait for a connection
            await().atMost(Duration.ofSeconds(50)).pollInterval(Duration.ofMillis(500))
                .until(() -> lastCheckin(reader) > before);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(pool.getMaximumPoolSize());
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
    }

    private long lastCheckin(Connection connection) throws SQLException, org.quartz.SchedulerException {
        try (var statement = connection.prepareStatement(
            "SELECT LAST_CHECKIN_TIME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ? AND INSTANCE_NAME = ?")) {
            statement.setString(1, scheduler.getSchedulerName());
            statement.setString(2, scheduler.getSchedulerInstanceId());
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).as("this node checked in").isTrue();
                return rows.getLong(1);
            }
        }
    }
}
