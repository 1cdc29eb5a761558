package market.so.sync.prestashop.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code GET /api/} resource list, taken from the recorded 8.1.2 answer (one entry per resource
 * with its get/put/post/patch/delete/head flags) and re-addressed for each shop. A resource the key
 * has no right on is left out, as PrestaShop does for a key without any permission on it.
 */
final class ApiListing {

    private static final Pattern ENTRY = Pattern.compile(
            "(?s)<([a-z_]+) xlink:href=\"" + Pattern.quote(FixtureXml.RECORDED_API) + "\\1\" get=.*?</\\1>\n");
    private static final String PLACEHOLDER = "\u0000";

    private final Map<String, String> entries = new LinkedHashMap<>();

    private ApiListing() {
    }

    static ApiListing parse(String recorded) {
        ApiListing listing = new ApiListing();
        Matcher m = ENTRY.matcher(recorded);
        while (m.find()) {
            listing.entries.put(m.group(1), m.group().replace(FixtureXml.RECORDED_API, PLACEHOLDER));
        }
        return listing;
    }

    boolean knows(String resource) {
        return entries.containsKey(resource);
    }

    Set<String> resources() {
        return entries.keySet();
    }

    String render(String shopName, String api, Set<String> denied, String version) {
        Map<String, String> listed = new java.util.TreeMap<>();
        entries.forEach((resource, text) -> {
            if (VersionShapes.listed(version, resource)) {
                listed.put(resource, text);
            }
        });
        for (String[] added : VersionShapes.addedResources(version)) {
            listed.put(added[0], entries.get(added[1]).replace(added[1], added[0]));
        }
        StringBuilder out = new StringBuilder(40_000).append(XmlWriter.HEAD)
                .append("<api shopName=\"").append(shopName).append("\">\n");
        listed.forEach((resource, text) -> {
            if (!denied.contains(resource)) {
                out.append(text.replace(PLACEHOLDER, api));
            }
        });
        return out.append("</api>\n").append(XmlWriter.TAIL).toString();
    }
}
