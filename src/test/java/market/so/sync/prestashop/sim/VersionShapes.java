package market.so.sync.prestashop.sim;

import java.util.List;
import java.util.Set;

/**
 * What the simulated shop's version ({@link SimShop#version}) changes in its answers, as recorded from the
 * real 8.1.2, 8.2.1 and 9.0.0 shops (src/test/resources/prestashop-VERSION-real/) and from the public 1.6 / 1.7
 * recordings (src/test/resources/prestashop-legacy/): 8.2.1 answers as 8.1.2 does; 9.0 drops the supply order
 * and warehouse location resources, adds {@code order_returns}, no longer has {@code meta_keywords} on products,
 * and its Symfony back office answers 404 to a path it does not know.
 */
final class VersionShapes {

    static final Set<String> REMOVED_IN_9 = Set.of("supply_order_details", "supply_order_histories",
            "supply_order_receipt_histories", "supply_order_states", "supply_orders", "warehouse_product_locations");
    private static final Set<String> PRODUCT_FIELDS_REMOVED_IN_9 = Set.of("meta_keywords");

    private VersionShapes() {
    }

    static boolean nine(String version) {
        return version != null && version.startsWith("9.");
    }

    /** Resources the version lists in {@code /api/} beyond the recorded 8.1.2 ones, each rendered like the second. */
    static List<String[]> addedResources(String version) {
        return nine(version) ? List.<String[]>of(new String[] {"order_returns", "order_histories"}) : List.of();
    }

    static boolean listed(String version, String resource) {
        return !(nine(version) && REMOVED_IN_9.contains(resource));
    }

    /** The object as the version renders it. */
    static SimObject object(String version, String resource, SimObject object) {
        if (object == null || !nine(version) || !resource.equals("products")) {
            return object;
        }
        return new SimObject(object.id(), object.fields().stream()
                .filter(f -> !PRODUCT_FIELDS_REMOVED_IN_9.contains(f.name())).toList(), object.associations());
    }

    /** 1.6 to 8.x send an unknown back office path to the login page (302); 9.0's Symfony back office answers 404. */
    static boolean backOfficeAnswersNotFound(String version) {
        return nine(version);
    }
}
