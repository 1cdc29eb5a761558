package market.so.sync.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server of its own (zonky's embedded binaries) that a test can stop and start again on the same
 * port and data directory, as ops restarting the database do; closed by a shutdown hook. Not the shared
 * {@link EmbeddedPostgresHolder}: stopping that one would pull the database from under other cached contexts.
 */
public final class RestartablePostgres {

    private final Path data;
    private final int port;
    private EmbeddedPostgres postgres;

    private RestartablePostgres(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    public static RestartablePostgres start(String database) {
        try {
            Files.createDirectories(Path.of("target"));
            RestartablePostgres server;
            try (ServerSocket socket = new ServerSocket(0)) {
                server = new RestartablePostgres(Files.createTempDirectory(Path.of("target"), "pg-restart-"),
                    socket.getLocalPort());
            }
            server.restart();
            try (var connection = server.postgres.getPostgresDatabase().getConnection();
                 var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** Starts the server (again) on its port and data directory: what was committed is there. */
    public synchronized void restart() {
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setRegisterShutdownHook(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (pg_ctl stop, fast): every connection is cut, new ones are refused until the restart. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
            postgres = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
