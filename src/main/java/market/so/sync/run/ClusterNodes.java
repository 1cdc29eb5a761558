package market.so.sync.run;

import java.util.Optional;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which nodes are alive, as Quartz's cluster sees them: every node's scheduler checks in to
 * {@code QRTZ_SCHEDULER_STATE} every {@code clusterCheckinInterval}, and the other nodes delete the row of a
 * node that stopped checking in. A node's name is its Quartz instance id; leases and the run lock are
 * owned by {@code <node>/<uuid>}, so a lease or lock of a node that has left the cluster is void and can be
 * taken over at once, rather than when it expires (docs/decisions/0018).
 */
@Component("clusterNodes")
public class ClusterNodes {

    /** Quartz's own margin before it declares a node failed (JobStoreSupport), doubled below. */
    private static final long QUARTZ_MARGIN_MS = 7_500;

    private final JdbcClient jdbc;
    private final String schedulerName;
    private final String self;

    public ClusterNodes(JdbcClient jdbc, Scheduler scheduler) throws SchedulerException {
        this.jdbc = jdbc;
        this.schedulerName = scheduler.getSchedulerName();
        this.self = scheduler.getSchedulerInstanceId();
    }

    /** This node's name (its Quartz instance id). */
    public String self() {
        return self;
    }

    /** The node part of an owner {@code <node>/<uuid>}, or empty for an owner of another form. */
    public static Optional<String> nodeOf(String owner) {
        int slash = owner == null ? -1 : owner.lastIndexOf('/');
        return slash <= 0 ? Optional.empty() : Optional.of(owner.substring(0, slash));
    }

    /**
     * True while the node checks in to Quartz's cluster table. A node is declared gone only once its row
     * is deleted (another node's Quartz recovered it) or its last check-in is older than twice its
     * interval plus twice Quartz's margin: a slow node on a loaded machine is never mistaken for a dead one
     * earlier than Quartz itself would.
     */
    public boolean alive(String node) {
        if (self.equals(node)) {
            return true;
        }
        return jdbc.sql("""
                SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE
                WHERE SCHED_NAME = :sched AND INSTANCE_NAME = :node
                    AND LAST_CHECKIN_TIME + 2 * CHECKIN_INTERVAL + :margin > :now""")
            .param("sched", schedulerName).param("node", node).param("margin", 2 * QUARTZ_MARGIN_MS)
            .param("now", System.currentTimeMillis()).query(Long.class).single() > 0;
    }

    /** True when the owner's node has left the cluster (an owner not of the form {@code <node>/<uuid>} never is). */
    public boolean gone(String owner) {
        return nodeOf(owner).map(node -> !alive(node)).orElse(false);
    }
}
