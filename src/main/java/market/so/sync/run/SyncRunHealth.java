package market.so.sync.run;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} shows the last run; a run whose shops all failed makes the service DOWN. */
@Component("syncRun")
public class SyncRunHealth implements HealthIndicator {

    private final SyncRunRepository runs;

    public SyncRunHealth(SyncRunRepository runs) {
        this.runs = runs;
    }

    @Override
    public Health health() {
        return runs.last().map(run -> {
            boolean allFailed = run.shopsTotal() > 0 && run.shopsFailed() == run.shopsTotal();
            return (allFailed ? Health.down() : Health.up())
                .withDetail("lastRun", run.id())
                .withDetail("status", run.status())
                .withDetail("startedAt", run.startedAt().toString())
                .withDetail("finishedAt", run.finishedAt() == null ? "running" : run.finishedAt().toString())
                .withDetail("shopsOk", run.shopsOk())
                .withDetail("shopsFailed", run.shopsFailed())
                .build();
        }).orElse(Health.up().withDetail("lastRun", "none yet").build());
    }
}
