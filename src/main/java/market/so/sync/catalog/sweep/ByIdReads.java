package market.so.sync.catalog.sweep;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * Rows asked for a set of ids: by one range filter when they are many, else in batches of {@code filter[id]=[a|b|c]};
 * a request that answers 500 is halved down to single ids, and an id that fails alone is left out (its caller keeps
 * what it stored and reports it). Shared by the product and the combination price reads.
 */
final class ByIdReads {

    private ByIdReads() {
    }

    /**
     * @param range the range filter ({@code [first,last]}) to try first, or null to read in batches only
     * @param request the rows of one filter value
     */
    static void read(List<Long> ids, String range, int batchSize, Function<String, List<XmlNode>> request,
                     Map<Long, XmlNode> into) {
        if (range != null) {
            try {
                index(request.apply(range), into);
                return;
            } catch (WebserviceException e) {
                if (!WebserviceException.isServerError(e)) {
                    throw e;
                }
            }
        }
        for (int from = 0; from < ids.size(); from += batchSize) {
            readSplitting(ids.subList(from, Math.min(ids.size(), from + batchSize)), request, into);
        }
    }

    private static void readSplitting(List<Long> ids, Function<String, List<XmlNode>> request, Map<Long, XmlNode> into) {
        try {
            index(request.apply(WebserviceCall.anyOf(ids)), into);
        } catch (WebserviceException e) {
            if (!WebserviceException.isServerError(e)) {
                throw e;
            }
            if (ids.size() > 1) {
                readSplitting(ids.subList(0, ids.size() / 2), request, into);
                readSplitting(ids.subList(ids.size() / 2, ids.size()), request, into);
            }
        }
    }

    private static void index(List<XmlNode> rows, Map<Long, XmlNode> into) {
        for (XmlNode row : rows) {
            Long id = row.longValue("id");
            if (id != null) {
                into.put(id, row);
            }
        }
    }
}
