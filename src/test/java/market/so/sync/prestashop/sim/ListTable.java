package market.so.sync.prestashop.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** A small fixed resource (languages, taxes, configurations...) kept as objects in recorded order. */
final class ListTable implements Table {

    private final String resource;
    private final String element;
    private final Map<Long, SimObject> rows = new LinkedHashMap<>();
    private final Schema schema;
    private final boolean idOrder;

    ListTable(String resource, String element, List<SimObject> objects) {
        this.resource = resource;
        this.element = element;
        long previous = Long.MIN_VALUE;
        boolean ordered = true;
        for (SimObject object : objects) {
            rows.put(object.id(), object);
            ordered &= object.id() > previous;
            previous = object.id();
        }
        this.idOrder = ordered;
        this.schema = Schema.of(objects.get(0));
    }

    @Override
    public String resource() {
        return resource;
    }

    @Override
    public String element() {
        return element;
    }

    @Override
    public LongStream ids() {
        return rows.keySet().stream().mapToLong(Long::longValue);
    }

    @Override
    public boolean naturalIsIdOrder() {
        return idOrder;
    }

    @Override
    public SimObject get(long id, Display display) {
        return rows.get(id);
    }

    @Override
    public Schema schema() {
        return schema;
    }
}
