package market.so.sync.prestashop.sim;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a list shows: the minimal {@code <product id="1" xlink:href/>} rows (no {@code display}),
 * every field ({@code display=full}) or only the named fields and association sub-fields
 * ({@code display=[id,name,categories[id]]}).
 */
record Display(Kind kind, Set<String> fields, Map<String, Set<String>> associations) {

    enum Kind { MINIMAL, FULL, FIELDS }

    static final Display MINIMAL = new Display(Kind.MINIMAL, Set.of(), Map.of());
    static final Display FULL = new Display(Kind.FULL, Set.of(), Map.of());

    boolean minimal() {
        return kind == Kind.MINIMAL;
    }

    boolean full() {
        return kind == Kind.FULL;
    }

    boolean shows(String field) {
        return kind == Kind.FULL || fields.contains(field);
    }

    /** Null when the association is not shown; an empty set means all its sub-fields. */
    Set<String> associationFields(String association) {
        return kind == Kind.FULL ? Set.of() : associations.get(association);
    }

    /**
     * Parses {@code full} or {@code [a,b,assoc[x,y]]}; also accepts {@code associations[assoc[x]]}.
     * Returns null on a syntax error (PrestaShop answers 400 code 36 then).
     */
    static Display parse(String raw) {
        if (raw == null) {
            return MINIMAL;
        }
        String text = raw.trim();
        if (text.equals("full")) {
            return FULL;
        }
        if (!text.startsWith("[") || !text.endsWith("]")) {
            return text.matches("[a-z_0-9]+") ? new Display(Kind.FIELDS, Set.of(text), Map.of()) : null;
        }
        Set<String> fields = new LinkedHashSet<>();
        Map<String, Set<String>> associations = new LinkedHashMap<>();
        if (!parseList(text.substring(1, text.length() - 1), fields, associations)) {
            return null;
        }
        return new Display(Kind.FIELDS, fields, associations);
    }

    private static boolean parseList(String body, Set<String> fields, Map<String, Set<String>> associations) {
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                if (!parseEntry(body.substring(start, i).trim(), fields, associations)) {
                    return false;
                }
                start = i + 1;
            }
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static boolean parseEntry(String entry, Set<String> fields, Map<String, Set<String>> associations) {
        if (entry.isEmpty()) {
            return false;
        }
        int open = entry.indexOf('[');
        if (open < 0) {
            fields.add(entry);
            return true;
        }
        if (!entry.endsWith("]")) {
            return false;
        }
        String name = entry.substring(0, open);
        String inner = entry.substring(open + 1, entry.length() - 1);
        if (name.equals("associations")) {
            return parseList(inner, new LinkedHashSet<>(), associations);
        }
        Set<String> subFields = new LinkedHashSet<>();
        for (String sub : inner.split(",")) {
            if (!sub.isBlank()) {
                subFields.add(sub.trim());
            }
        }
        associations.put(name, subFields);
        return true;
    }
}
