package market.so.sync.prestashop.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.so.sync.prestashop.sim.CatalogRows.CombinationRow;
import market.so.sync.prestashop.sim.CatalogRows.ProductFacts;
import market.so.sync.prestashop.sim.SimObject.Plain;

/**
 * Serves an authenticated call: the {@code /api/} listing, {@code images}, one object or a list,
 * with the computed {@code price[...]} fields and the product failures a test asked for.
 */
final class Resources {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SimShop shop;
    private final ImageStore images;

    Resources(SimShop shop, ImageStore images) {
        this.shop = shop;
        this.images = images;
    }

    long[] serve(HttpExchange exchange, String path, Map<String, String> params, Map<String, String> headers)
            throws IOException {
        String api = shop.url() + "/api/";
        String[] segments = path.isEmpty() ? new String[0] : path.split("/");
        if (segments.length == 0) {
            Reply reply = new Reply(exchange, headers);
            reply.append(shop.listing().render(shop.shopName(), api, shop.behaviour().deniedGet, shop.behaviour().version));
            return ok(reply);
        }
        String resource = segments[0];
        if (!shop.listing().knows(resource)) {
            throw WsError.badRequest(27, "Resource of type \"" + resource + "\" does not exists. The full list is: "
                    + String.join(", ", shop.listing().resources()));
        }
        if (shop.behaviour().deniedGet.contains(resource)) {
            throw new WsError(401, 26, "Resource of type \"" + resource + "\" is not allowed with this authentication key");
        }
        if (resource.equals("images")) {
            return images.serveApi(exchange, api, segments, headers);
        }
        Table table = shop.table(resource);
        if (segments.length > 1) {
            return single(exchange, table, segments[1], params, headers, api);
        }
        return list(exchange, table, resource, params, headers, api);
    }

    private static long[] ok(Reply reply) throws IOException {
        long bytes = reply.finish();
        return new long[] {reply.status(), bytes};
    }

    private long[] single(HttpExchange exchange, Table table, String rawId, Map<String, String> params,
                          Map<String, String> headers, String api) throws IOException {
        long id;
        try {
            id = Long.parseLong(rawId);
        } catch (NumberFormatException e) {
            throw WsError.badRequest(30, "The id " + rawId + " is not valid");
        }
        Map<String, String> withDisplay = new java.util.HashMap<>(params);
        withDisplay.putIfAbsent("display", "full");
        ListQuery query = ListQuery.parse(withDisplay, table == null ? emptyTable() : table, shop.languages(),
                isPriced(table));
        SimObject object = table == null ? null
                : VersionShapes.object(shop.behaviour().version, table.element() + "s", table.get(id, query.display()));
        if (object == null) {
            return new long[] {404, Reply.send(exchange, 404, null, "", headers)};
        }
        failIfBroken(table, new long[] {id});
        Reply reply = new Reply(exchange, headers);
        StringBuilder out = new StringBuilder(16_384).append(XmlWriter.HEAD);
        XmlWriter.object(out, api, table.element(), object, query.display(), query.languages(),
                prices(table, id, query.prices()));
        reply.append(out.append(XmlWriter.TAIL));
        return ok(reply);
    }

    private long[] list(HttpExchange exchange, Table table, String resource, Map<String, String> params,
                        Map<String, String> headers, String api) throws IOException {
        if (table == null) {
            Reply reply = new Reply(exchange, headers);
            reply.append(XmlWriter.HEAD + "<" + resource + ">\n</" + resource + ">\n" + XmlWriter.TAIL);
            return ok(reply);
        }
        ListQuery query = ListQuery.parse(params, table, shop.languages(), isPriced(table));
        refuseUnknownFields(resource, query.display());
        if (resource.equals("products") && shop.behaviour().failingOffsets.contains(query.offset())) {
            throw phpWarning();
        }
        long[] ids = Pager.page(table, query);
        if (!query.display().minimal()) {
            failIfBroken(table, ids);
        }
        Reply reply = new Reply(exchange, headers);
        StringBuilder out = new StringBuilder(16_384).append(XmlWriter.HEAD).append('<').append(resource).append(">\n");
        for (long id : ids) {
            if (query.display().minimal()) {
                XmlWriter.minimal(out, api, resource, table.element(), id);
            } else {
                SimObject object = VersionShapes.object(shop.behaviour().version, resource, table.get(id, query.display()));
                if (object != null && priceless(table, id)) {
                    // a product the shop renders without its price fields (base price and price[...] alike)
                    object = new SimObject(object.id(), object.fields().stream()
                            .filter(f -> !f.name().equals("price")).toList(), object.associations());
                    XmlWriter.object(out, api, table.element(), object, query.display(), query.languages(), List.of());
                } else if (object != null) {
                    XmlWriter.object(out, api, table.element(), object, query.display(), query.languages(),
                            prices(table, id, query.prices()));
                }
            }
            if (out.length() > 64 * 1024) {
                reply.append(out);
                out.setLength(0);
            }
        }
        reply.append(out.append("</").append(resource).append(">\n").append(XmlWriter.TAIL));
        return ok(reply);
    }

    private void failIfBroken(Table table, long[] ids) {
        Set<Long> failing = shop.behaviour().failingProducts;
        if (failing.isEmpty() || !table.resource().equals("products")) {
            return;
        }
        for (long id : ids) {
            if (failing.contains(id)) {
                throw phpWarning();
            }
        }
    }

    /** What a module override raising a PHP warning while rendering a product does to the whole answer. */
    private static WsError phpWarning() {
        return new WsError(500, 2, "[PHP Warning #2] Undefined array key \"id_product_attribute\" "
                + "(/var/www/html/override/classes/Product.php, line 42)");
    }

    /** A field {@link SimShop#refuseField} removed, named in a {@code display=[...]} list: PrestaShop's 400. */
    private void refuseUnknownFields(String resource, Display display) {
        for (String refused : shop.behaviour().refusedFields) {
            String[] parts = refused.split("\\.", 2);
            if (parts[0].equals(resource) && !display.full()
                    && (display.fields().contains(parts[1]) || display.associations().containsKey(parts[1]))) {
                throw WsError.badRequest(35, "Unable to display this field \"" + parts[1] + "\". However, these are "
                        + "available: id");
            }
        }
    }

    private boolean priceless(Table table, long id) {
        return table.resource().equals("products") && shop.behaviour().pricelessProducts.contains(id);
    }

    private boolean isPriced(Table table) {
        return table != null && !shop.behaviour().priceFieldsRefused
                && (table.resource().equals("products") || table.resource().equals("combinations"));
    }

    private List<Plain> prices(Table table, long id, List<PriceSpec> specs) {
        if (specs.isEmpty()) {
            return List.of();
        }
        SimCatalog catalog = shop.catalog();
        long productId = id;
        Long attribute = null;
        if (table.resource().equals("combinations")) {
            CombinationRow row = catalog.combination(id);
            if (row == null) {
                return List.of();
            }
            productId = row.productId();
            attribute = id;
        }
        ProductFacts facts = catalog.facts(productId);
        if (facts == null) {
            return List.of();
        }
        String now = LocalDateTime.now(catalog.clock()).format(DATE);
        List<Plain> values = new ArrayList<>(specs.size());
        for (PriceSpec spec : specs) {
            long combination = attribute != null ? attribute
                    : spec.productAttribute() != null ? spec.productAttribute() : facts.defaultCombination();
            CombinationRow row = combination == 0 ? null : catalog.combination(combination);
            boolean own = row != null && row.productId() == productId;
            BigDecimal impact = own ? row.impact() : BigDecimal.ZERO;
            // a product's price without product_attribute is PrestaShop's priceCalculation with combination 0: the
            // default combination's impact, but only the specific prices that name no combination (real 8.1.2)
            boolean named = attribute != null || spec.productAttribute() != null;
            values.add(new Plain(spec.alias(), Pricing.compute(spec, facts.price(), facts.taxGroup(),
                    own && named ? combination : 0, impact, catalog.specificPricesOf(productId), now)));
        }
        return values;
    }

    private static Table emptyTable() {
        return new ListTable("none", "none", List.of(new ObjectBuilder(0).build()));
    }
}
