package market.so.sync.catalog.category;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * So.market's category tree, read once at start from the file system ({@code config/categories.yaml}
 * by default) so that ops can change it without a rebuild. Products of unmapped shop categories get
 * {@link #UNCLASSIFIED}, which is deliberately not an entry of the file: a merchant cannot map to it.
 */
@Component
public class Taxonomy {

    /** "À classer": shown for products whose shop categories are not mapped yet (ADR 0008). */
    public static final TaxonomyEntry UNCLASSIFIED = new TaxonomyEntry("a-classer", "À classer", null, List.of());

    private final Map<String, TaxonomyEntry> byCode;

    @Autowired
    public Taxonomy(@Value("${somarket.catalog.taxonomy-file:config/categories.yaml}") Path file) {
        this(read(file));
    }

    public Taxonomy(List<TaxonomyEntry> entries) {
        Map<String, TaxonomyEntry> map = new LinkedHashMap<>();
        for (TaxonomyEntry entry : entries) {
            if (entry.code() == null || entry.label() == null || map.putIfAbsent(entry.code(), entry) != null) {
                throw new IllegalStateException("taxonomy: every entry needs a unique code and a label: " + entry);
            }
        }
        for (TaxonomyEntry entry : map.values()) {
            if (entry.parentCode() != null && !map.containsKey(entry.parentCode())) {
                throw new IllegalStateException("taxonomy: " + entry.code() + " has unknown parentCode " + entry.parentCode());
            }
        }
        if (map.containsKey(UNCLASSIFIED.code())) {
            throw new IllegalStateException("taxonomy: " + UNCLASSIFIED.code() + " is reserved for unmapped products");
        }
        this.byCode = Collections.unmodifiableMap(map);
    }

    public List<TaxonomyEntry> entries() {
        return List.copyOf(byCode.values());
    }

    public TaxonomyEntry find(String code) {
        return code == null ? null : byCode.get(code);
    }

    /** The entry for a stored code; à classer when none or when ops removed the code from the file. */
    public TaxonomyEntry displayed(String code) {
        TaxonomyEntry entry = find(code);
        return entry == null ? UNCLASSIFIED : entry;
    }

    /** True when {@code code} is {@code ancestor} or lies under it. */
    public boolean isWithin(String code, String ancestor) {
        TaxonomyEntry entry = find(code);
        while (entry != null) {
            if (entry.code().equals(ancestor)) {
                return true;
            }
            entry = find(entry.parentCode());
        }
        return false;
    }

    public int depth(String code) {
        int depth = 0;
        TaxonomyEntry entry = find(code);
        while (entry != null && entry.parentCode() != null) {
            depth++;
            entry = find(entry.parentCode());
        }
        return depth;
    }

    @SuppressWarnings("unchecked")
    static List<TaxonomyEntry> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Object list = document instanceof Map<?, ?> map ? map.get("categories") : null;
            if (!(list instanceof List<?> items)) {
                throw new IllegalStateException("taxonomy " + file + ": expected a 'categories' list");
            }
            List<TaxonomyEntry> entries = new ArrayList<>();
            for (Object item : items) {
                Map<String, Object> m = (Map<String, Object>) item;
                List<String> keywords = new ArrayList<>();
                if (m.get("keywords") instanceof List<?> words) {
                    words.forEach(w -> keywords.add(String.valueOf(w)));
                }
                entries.add(new TaxonomyEntry(text(m.get("code")), text(m.get("label")), text(m.get("parentCode")), keywords));
            }
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the So.market taxonomy from " + file.toAbsolutePath()
                + " (somarket.catalog.taxonomy-file)", e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
