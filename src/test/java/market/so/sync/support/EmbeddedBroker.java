package market.so.sync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * A real Apache Artemis broker in this JVM, on a free loopback port, set as the README asks of a production
 * broker for the shop queue: a dead-letter address {@code DLQ} after {@value #MAX_DELIVERY_ATTEMPTS} delivery
 * attempts, a short redelivery delay, no security. {@link #start()}: no persistence (a test's messages need not
 * survive it). {@link #persistent()}: a journal under {@code target/}, as a production broker keeps, so that it
 * can be {@link #stop() stopped} and {@link #restart() started again} on the same port and data with its
 * messages, as a broker restart does.
 */
public final class EmbeddedBroker implements AutoCloseable {

    public static final int MAX_DELIVERY_ATTEMPTS = 3;

    private final int port;
    private final Path data;
    private EmbeddedActiveMQ server;

    private EmbeddedBroker(int port, Path data) {
        this.port = port;
        this.data = data;
    }

    public static EmbeddedBroker start() {
        return started(new EmbeddedBroker(freePort(), null));
    }

    public static EmbeddedBroker persistent() {
        try {
            Files.createDirectories(Path.of("target"));
            return started(new EmbeddedBroker(freePort(), Files.createTempDirectory(Path.of("target"), "artemis-")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedBroker started(EmbeddedBroker broker) {
        broker.restart();
        return broker;
    }

    /** Starts the broker (again) on its port, with the messages of its journal when persistent. */
    public void restart() {
        try {
            server = new EmbeddedActiveMQ();
            server.setConfiguration(configuration());
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Artemis did not start", e);
        }
    }

    private Configuration configuration() throws Exception {
        Configuration config = new ConfigurationImpl()
            .setName("somarket-test-broker")
            .setPersistenceEnabled(data != null)
            .setSecurityEnabled(false)
            .setJMXManagementEnabled(false)
            .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        if (data != null) {
            config.setJournalType(JournalType.NIO)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString());
        }
        config.addAddressSetting("#", new AddressSettings()
            .setDeadLetterAddress(SimpleString.of("DLQ"))
            .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
            .setRedeliveryDelay(200)
            .setAutoCreateQueues(true)
            .setAutoCreateAddresses(true));
        config.addQueueConfiguration(QueueConfiguration.of("DLQ").setAddress("DLQ").setRoutingType(RoutingType.ANYCAST));
        return config;
    }

    /** What {@code spring.artemis.broker-url} is set to (as in config/application-cluster.yaml). */
    public String url() {
        return "tcp://127.0.0.1:" + port + "?consumerWindowSize=0";
    }

    /** Stops the broker as ops stopping it do: its clients lose their connections; a persistent journal stays. */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
