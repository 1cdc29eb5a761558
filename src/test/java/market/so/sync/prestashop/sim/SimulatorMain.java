package market.so.sync.prestashop.sim;

import java.time.Duration;

/**
 * Runs a simulator for the benchmark: {@code --shops S --products N --latency-ms L --port P --warmup-shops W}
 * (defaults 1, 1000, 0, 0 = any free port, 0). Prints one line per shop, {@code url key}, then one line per
 * warm-up shop (1,000 products, no latency), {@code warmup url key}, then serves until the process is killed;
 * with {@code --control true} it also obeys {@link SoakControl}'s commands on standard input. Run with
 * {@code mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=market.so.sync.prestashop.sim.SimulatorMain -Dexec.args="--shops 1000 --products 1000 --latency-ms 100"}.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException, java.io.IOException {
        int shops = 1;
        long products = 1000;
        long latencyMs = 0;
        int port = 0;
        int warmups = 0;
        boolean control = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--shops" -> shops = Integer.parseInt(args[i + 1]);
                case "--products" -> products = Long.parseLong(args[i + 1]);
                case "--latency-ms" -> latencyMs = Long.parseLong(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--warmup-shops" -> warmups = Integer.parseInt(args[i + 1]);
                case "--control" -> control = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --shops S --products N --latency-ms L --port P --warmup-shops W)");
            }
        }
        PrestaShopSimulator simulator = PrestaShopSimulator.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= shops; i++) {
            SimShop shop = simulator.generatedShop("shop" + i, products).latency(Duration.ofMillis(latencyMs));
            lines.append(shop.url()).append(' ').append(shop.key()).append('\n');
        }
        for (int i = 1; i <= warmups; i++) {
            SimShop shop = simulator.generatedShop("warmup" + i, 1000);
            lines.append("warmup ").append(shop.url()).append(' ').append(shop.key()).append('\n');
        }
        System.out.print(lines);
        System.out.flush();
        if (control) {
            new SoakControl(simulator, System.out).serve();
        }
        Thread.currentThread().join();
    }
}
