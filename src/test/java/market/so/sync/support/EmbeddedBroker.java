package market.so.sync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * A real Apache Artemis broker in this JVM, on a free loopback port, set as the README asks of a production
 * broker for the shop queue: a dead-letter address {@code DLQ} after {@value #MAX_DELIVERY_ATTEMPTS} delivery
 * attempts, a short redelivery delay. No persistence (a test's messages need not survive it), no security.
 */
public final class EmbeddedBroker implements AutoCloseable {

    public static final int MAX_DELIVERY_ATTEMPTS = 3;

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    public static EmbeddedBroker start() {
        try {
            EmbeddedBroker broker = new EmbeddedBroker(freePort());
            broker.server.setConfiguration(broker.configuration());
            broker.server.start();
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("embedded Artemis did not start", e);
        }
    }

    private Configuration configuration() throws Exception {
        Configuration config = new ConfigurationImpl()
            .setName("somarket-test-broker")
            .setPersistenceEnabled(false)
            .setSecurityEnabled(false)
            .setJMXManagementEnabled(false)
            .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        config.addAddressSetting("#", new AddressSettings()
            .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of("DLQ"))
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

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
