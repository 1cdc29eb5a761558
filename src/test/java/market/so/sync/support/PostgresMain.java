package market.so.sync.support;

/**
 * A real PostgreSQL for the benchmark's {@code --postgres} runs (zonky's embedded binaries, as in the
 * tests): prints {@code postgres <jdbc url>} (user and password {@code postgres}), then serves until the
 * process is killed.
 */
public final class PostgresMain {

    private PostgresMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("postgres " + EmbeddedPostgresHolder.jdbcUrl("bench"));
        System.out.flush();
        Thread.currentThread().join();
    }
}
