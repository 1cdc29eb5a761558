package market.so.sync.prestashop.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulated shop's version ({@link SimShop#version}) changes in its answers, as recorded from the
 * real 8.1.2, 8.2.1 and 9.0.0 shops (src/test/resources/prestashop-VERSION-real/) and from the public 1.6 / 1.7
 * recordings (src/test/resources/prestashop-legacy/): 8.2.1 answers as 8.1.2 does; 9.0 drops the supply order
 * and warehouse location resources, adds {@code order_returns}, no longer has {@code meta_keywords} on products,
 * and its Symfony back office answers 404 to a path it does not know. A 1.6 or 1.7 shop renders its products
 * with the fields and associations of src/test/resources/prestashop/product_ps16.xml and product_ps17.xml only
 * (1.6 names {@code id_type_redirected} {@code id_product_redirected}).
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

    private static final Set<String> PS16 = elementsOf("product_ps16.xml");
    private static final Set<String> PS17 = elementsOf("product_ps17.xml");

    /** The object as the version renders it. */
    static SimObject object(String version, String resource, SimObject object) {
        if (object == null || !resource.equals("products")) {
            return object;
        }
        if (nine(version)) {
            return new SimObject(object.id(), object.fields().stream()
                    .filter(f -> !PRODUCT_FIELDS_REMOVED_IN_9.contains(f.name())).toList(), object.associations());
        }
        Set<String> legacy = version == null ? null : version.startsWith("1.6") ? PS16 : version.startsWith("1.7") ? PS17 : null;
        if (legacy == null) {
            return object;
        }
        List<SimObject.Field> fields = new ArrayList<>();
        for (SimObject.Field f : object.fields()) {
            if (legacy.contains(f.name()) || f.name().startsWith("somarket_")) {
                fields.add(f);
            } else if (f.name().equals("id_type_redirected") && legacy.contains("id_product_redirected")
                    && f instanceof SimObject.Plain p) {
                fields.add(new SimObject.Plain("id_product_redirected", p.value(), p.link(), p.notFilterable()));
            }
        }
        return new SimObject(object.id(), fields, object.associations().stream()
                .filter(a -> legacy.contains(a.name())).toList());
    }

    /** The element names (fields and associations) of a product in a test resource of prestashop/. */
    static Set<String> elementsOf(String file) {
        try (InputStream in = VersionShapes.class.getResourceAsStream("/prestashop/" + file)) {
            return elementsOf(file, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The element names (fields and associations) of the first product of a list answer. */
    static Set<String> elementsOf(String file, String xml) {
        {
            String product = xml.substring(xml.indexOf("<product>") + 9, xml.indexOf("</product>\n</products>"));
            Set<String> names = new LinkedHashSet<>();
            // fields one tab in before <associations>, associations at the line start with their nodeType
            int associations = product.contains("<associations>") ? product.indexOf("<associations>") : product.length();
            Matcher f = Pattern.compile("(?m)^\\t<([a-z_0-9]+)[ >/]").matcher(product.substring(0, associations));
            while (f.find()) {
                names.add(f.group(1));
            }
            Matcher a = Pattern.compile("(?m)^<([a-z_0-9]+) nodeType=").matcher(product.substring(associations));
            while (a.find()) {
                names.add(a.group(1));
            }
            return names;
        }
    }

    /** 1.6 to 8.x send an unknown back office path to the login page (302); 9.0's Symfony back office answers 404. */
    static boolean backOfficeAnswersNotFound(String version) {
        return nine(version);
    }
}
