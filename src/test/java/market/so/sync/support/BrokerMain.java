package market.so.sync.support;

/**
 * An Apache Artemis broker for the benchmark's {@code --broker} runs (the tests' embedded broker): prints
 * {@code broker <url>}, then serves until the process is killed.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedBroker broker = EmbeddedBroker.start();
        System.out.println("broker " + broker.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
