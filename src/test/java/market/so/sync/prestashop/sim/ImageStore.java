package market.so.sync.prestashop.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.so.sync.prestashop.sim.CatalogRows.ProductFacts;

/**
 * A shop's product images, both as the public files a browser loads without a key (physical
 * {@code /img/p/1/2/3/123-large_default.jpg} and friendly {@code /123-large_default/name.jpg}) and
 * under {@code /api/images/...}. Every image is the same tiny JPEG: what matters is which URLs exist.
 */
final class ImageStore {

    private static final Pattern PHYSICAL = Pattern.compile("/img/p/((?:\\d/)+)(\\d+)(?:-([a-z_]+))?\\.(?:jpg|webp)");
    private static final Pattern FRIENDLY = Pattern.compile("/(\\d+)-([a-z_]+)/[^/]+\\.jpg");

    private final SimCatalog catalog;
    private final byte[] jpeg;

    ImageStore(SimCatalog catalog, byte[] jpeg) {
        this.catalog = catalog;
        this.jpeg = jpeg;
    }

    /** True when {@code path} (relative to the shop) is the public URL of an existing image. */
    boolean isPublicImage(String path) {
        Matcher physical = PHYSICAL.matcher(path);
        if (physical.matches()) {
            String id = physical.group(2);
            boolean folderMatches = physical.group(1).equals(String.join("/", id.split("")) + "/");
            return folderMatches && validType(physical.group(3)) && productOf(Long.parseLong(id)) > 0;
        }
        Matcher friendly = FRIENDLY.matcher(path);
        return friendly.matches() && validType(friendly.group(2)) && productOf(Long.parseLong(friendly.group(1))) > 0;
    }

    byte[] jpeg() {
        return jpeg;
    }

    private static boolean validType(String type) {
        return type == null || ReferenceTables.productImageTypes().contains(type);
    }

    /** The product an image belongs to, or -1: the generators' rule first, then a scan. */
    long productOf(long imageId) {
        long guess = (imageId + 1) / 2;
        if (owns(guess, imageId)) {
            return guess;
        }
        return catalog.productIds().filter(p -> owns(p, imageId)).findFirst().orElse(-1);
    }

    private boolean owns(long productId, long imageId) {
        ProductFacts facts = catalog.facts(productId);
        return facts != null && Arrays.stream(facts.images()).anyMatch(i -> i == imageId);
    }

    /** {@code /api/images}, {@code /api/images/products[/P[/I[/type]]]}. */
    long[] serveApi(HttpExchange exchange, String api, String[] segments, Map<String, String> headers)
            throws IOException {
        if (segments.length == 1) {
            StringBuilder out = new StringBuilder(XmlWriter.HEAD).append("<image_types>\n");
            for (String type : List.of("general", "products", "categories", "manufacturers", "suppliers", "stores")) {
                out.append('<').append(type).append(" xlink:href=\"").append(api).append("images/").append(type)
                        .append("\" get=\"true\" put=\"false\" post=\"false\" patch=\"false\" delete=\"false\" head=\"true\" upload_allowed_mimetypes=\"image/gif, image/jpg, image/jpeg, image/pjpeg, image/png, image/x-png, image/webp\"/>\n");
            }
            return xml(exchange, out.append("</image_types>\n").append(XmlWriter.TAIL), headers);
        }
        if (!segments[1].equals("products")) {
            throw WsError.badRequest(50, "Image type \"" + segments[1] + "\" is not supported by this simulator");
        }
        if (segments.length == 2) {
            StringBuilder out = new StringBuilder(XmlWriter.HEAD).append("<image_types>\n");
            List<String> types = ReferenceTables.productImageTypes();
            for (int i = 0; i < types.size(); i++) {
                out.append("<image_type id=\"").append(i + 1).append("\" name=\"").append(types.get(i))
                        .append("\" xlink:href=\"").append(api).append("image_types/").append(i + 1).append("\"/>\n");
            }
            out.append("</image_types>\n<images>\n");
            catalog.productIds().forEach(p -> out.append("<image id=\"").append(p).append("\" xlink:href=\"")
                    .append(api).append("images/products/").append(p).append("\"/>\n"));
            return xml(exchange, out.append("</images>\n").append(XmlWriter.TAIL), headers);
        }
        ProductFacts facts = catalog.facts(parse(segments[2]));
        if (facts == null) {
            return new long[] {404, Reply.send(exchange, 404, null, "", headers)};
        }
        if (segments.length == 3) {
            StringBuilder out = new StringBuilder(XmlWriter.HEAD).append("<image id=\"").append(facts.id()).append("\">\n");
            for (long image : facts.images()) {
                out.append("<declination id=\"").append(image).append("\" xlink:href=\"").append(api)
                        .append("images/products/").append(facts.id()).append('/').append(image).append("\"/>\n");
            }
            return xml(exchange, out.append("</image>\n").append(XmlWriter.TAIL), headers);
        }
        long image = parse(segments[3]);
        if (Arrays.stream(facts.images()).noneMatch(i -> i == image)) {
            throw WsError.badRequest(57, "This image id does not exist");
        }
        if (segments.length > 4 && !validType(segments[4]) && !segments[4].equals("bin")) {
            throw WsError.badRequest(58, "This image type does not exist");
        }
        return new long[] {200, Reply.sendBytes(exchange, 200, "image/jpeg", jpeg)};
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw WsError.badRequest(57, "This image id does not exist");
        }
    }

    private static long[] xml(HttpExchange exchange, CharSequence body, Map<String, String> headers) throws IOException {
        Reply reply = new Reply(exchange, headers);
        reply.append(body);
        long bytes = reply.finish();
        return new long[] {reply.status(), bytes};
    }
}
