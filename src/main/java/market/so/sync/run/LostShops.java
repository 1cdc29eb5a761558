package market.so.sync.run;

/**
 * Shops of a queued run whose sync will never report: their message was given up by the broker (the dead-letter
 * queue). The run's node asks for them while it waits for outcomes, and each is recorded as failed in the run, so
 * the run ends when every shop is accounted for, not at its time limit. Implemented by the shop queue
 * ({@code cluster.DeadLetters}); absent without it.
 */
public interface LostShops {

    /** Records the run's shops given up by the broker that have no outcome yet; how many were recorded. */
    int recordLost(long runId, String trigger);
}
