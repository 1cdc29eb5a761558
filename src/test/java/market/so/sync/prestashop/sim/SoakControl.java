package market.so.sync.prestashop.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The soak's control surface ({@code bench/soak.py}): one command a line on standard input, one answer a line
 * ({@code ok ...} or {@code error ...}) on standard output. Shops are added, made to misbehave for the next run
 * with the fault switches, and their catalogues edited between runs:
 * <pre>
 * shop NAME PRODUCTS              -> ok URL KEY
 * clear NAME                      every fault off, key restored
 * fail NAME N STATUS RETRY|-      next N requests answer STATUS (Retry-After RETRY seconds)
 * cut|cutxml|endless NAME PREFIX N
 * oversized NAME PREFIX BYTES CL N (CL 1: Content-Length, 0: chunked)
 * xml503 NAME PREFIX N RETRY|-
 * trickle NAME PREFIX MS          hang NAME PREFIX SECONDS
 * revoke NAME 1|0
 * add NAME -> ok ID               remove|restore NAME ID
 * price NAME ID VALUE             stock NAME ID QTY        active NAME ID 1|0      name NAME ID TEXT
 * </pre>
 */
final class SoakControl {

    private final PrestaShopSimulator simulator;
    private final PrintStream out;

    SoakControl(PrestaShopSimulator simulator, PrintStream out) {
        this.simulator = simulator;
        this.out = out;
    }

    void serve() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            try {
                out.println("ok " + apply(line.trim().split(" ", 4)));
            } catch (RuntimeException e) {
                out.println("error " + e);
            }
            out.flush();
        }
    }

    private String apply(String[] a) {
        if (a[0].equals("shop")) {
            SimShop shop = simulator.generatedShop(a[1], Long.parseLong(a[2]));
            return shop.url() + " " + shop.key();
        }
        SimShop shop = simulator.shop(a[1]);
        if (shop == null) {
            throw new IllegalArgumentException("no shop " + a[1]);
        }
        String[] rest = a.length > 2 ? (a[0].equals("name") ? new String[] {a[2], a[3]} : String.join(" ",
                java.util.Arrays.copyOfRange(a, 2, a.length)).split(" ")) : new String[0];
        switch (a[0]) {
            case "clear" -> {
                shop.clearFailures().clearBodyFaults().revokeKey(false);
                shop.behaviour().slowPaths.clear();
            }
            case "fail" -> shop.failNextRequests(i(rest[0]), i(rest[1]), retry(rest[2]));
            case "cut" -> shop.cutBody(rest[0], i(rest[1]));
            case "cutxml" -> shop.cutXml(rest[0], i(rest[1]));
            case "endless" -> shop.endlessChunked(rest[0], i(rest[1]));
            case "oversized" -> shop.oversized(rest[0], Long.parseLong(rest[1]), rest[2].equals("1"), i(rest[3]));
            case "xml503" -> shop.failWithXml(rest[0], i(rest[1]), 503, retry(rest[2]), 0);
            case "trickle" -> shop.trickle(rest[0], Duration.ofMillis(i(rest[1])));
            case "hang" -> shop.slowPath(rest[0], Duration.ofSeconds(i(rest[1])));
            case "revoke" -> shop.revokeKey(rest[0].equals("1"));
            case "add" -> {
                return Long.toString(shop.catalog().add());
            }
            case "remove" -> shop.catalog().remove(i(rest[0]));
            case "restore" -> shop.catalog().restore(i(rest[0]));
            case "price" -> shop.catalog().setPrice(i(rest[0]), new BigDecimal(rest[1]));
            case "stock" -> shop.catalog().setStock(i(rest[0]), i(rest[1]));
            case "active" -> shop.catalog().setActive(i(rest[0]), rest[1].equals("1"));
            case "name" -> shop.catalog().setName(i(rest[0]), ObjectBuilder.EN, rest[1]).setName(i(rest[0]),
                    ObjectBuilder.FR, rest[1]);
            default -> throw new IllegalArgumentException("unknown command " + a[0]);
        }
        return a[0];
    }

    private static int i(String s) {
        return Integer.parseInt(s);
    }

    private static Integer retry(String s) {
        return s.equals("-") ? null : Integer.valueOf(s);
    }
}
