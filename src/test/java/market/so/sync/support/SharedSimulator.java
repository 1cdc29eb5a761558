package market.so.sync.support;

import market.so.sync.prestashop.sim.PrestaShopSimulator;

/**
 * One PrestaShop simulator for the whole test JVM (tests give their shops distinct names), stopped by
 * a shutdown hook, instead of a start and stop in every test class.
 */
public final class SharedSimulator {

    private static PrestaShopSimulator simulator;

    private SharedSimulator() {
    }

    public static synchronized PrestaShopSimulator get() {
        if (simulator == null) {
            simulator = PrestaShopSimulator.start();
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        }
        return simulator;
    }
}
