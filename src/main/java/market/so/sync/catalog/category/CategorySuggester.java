package market.so.sync.catalog.category;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Proposes a So.market category for each shop category, so that mapping a shop (guide §3bis, last
 * step) is mostly a matter of confirming. The bases, strongest first: the category's name is the
 * label of a So.market category; its name contains keywords of one (more words matched is
 * stronger, and a match under the parent's category is preferred); its parent is mapped (or has a
 * suggestion). The reason says which, in French, for the merchant.
 */
@Component
public class CategorySuggester {

    private static final double LABEL = 1000;
    private static final double PER_KEYWORD_WORD = 10;
    private static final double UNDER_PARENT = 5;
    private static final double PARENT = 10.5;

    private final Taxonomy taxonomy;
    private final List<Phrase> phrases = new ArrayList<>();

    private record Phrase(TaxonomyEntry entry, List<String> words, String text, boolean label) {
    }

    private record Candidate(TaxonomyEntry entry, double score, String reason) {
    }

    public CategorySuggester(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (TaxonomyEntry entry : taxonomy.entries()) {
            phrases.add(new Phrase(entry, Words.of(entry.label()), entry.label(), true));
            for (String keyword : entry.keywords()) {
                phrases.add(new Phrase(entry, Words.of(keyword), keyword, false));
            }
        }
    }

    /** Suggestions for every shopper category of the tree (parents before children). */
    public Map<Long, Suggestion> suggest(ShopCategoryTree tree) {
        Map<Long, Suggestion> suggestions = new HashMap<>();
        List<ShopCategory> ordered = new ArrayList<>(tree.shopperCategories());
        ordered.sort(Comparator.comparingInt((ShopCategory c) -> c.path() == null ? 0 : c.path().split(" > ").length));
        for (ShopCategory category : ordered) {
            ShopCategory parent = tree.parent(category);
            boolean parentShown = parent != null && !parent.root();
            Suggestion parentSuggestion = parentShown ? suggestions.get(parent.id()) : null;
            Suggestion s = suggest(category, parentShown ? parent : null, parentSuggestion);
            if (s != null) {
                suggestions.put(category.id(), s);
            }
        }
        return suggestions;
    }

    Suggestion suggest(ShopCategory category, ShopCategory parent, Suggestion parentSuggestion) {
        String parentCode = parent == null ? null
            : taxonomy.find(parent.mappedCode()) != null ? parent.mappedCode()
            : parentSuggestion == null ? null : parentSuggestion.code();
        List<Candidate> candidates = new ArrayList<>(byName(category, parent, parentCode));
        if (parentCode != null) {
            TaxonomyEntry entry = taxonomy.find(parentCode);
            String how = parentCode.equals(parent.mappedCode()) ? "associée à" : "pour laquelle est suggérée";
            candidates.add(new Candidate(entry, PARENT, "catégorie parente « " + parent.name() + " » " + how
                + " « " + entry.label() + " »"));
        }
        return candidates.stream()
            .max(Comparator.comparingDouble(Candidate::score).thenComparingInt(c -> taxonomy.depth(c.entry().code())))
            .map(c -> new Suggestion(c.entry().code(), c.entry().label(), c.reason()))
            .orElse(null);
    }

    private List<Candidate> byName(ShopCategory category, ShopCategory parent, String parentCode) {
        List<String> name = Words.of(category.name());
        Map<String, Candidate> best = new HashMap<>();
        for (Phrase phrase : phrases) {
            boolean matches = phrase.label() ? name.equals(phrase.words()) : Words.contains(name, phrase.words());
            if (!matches) {
                continue;
            }
            double score = phrase.label() ? LABEL : PER_KEYWORD_WORD * phrase.words().size();
            String reason = phrase.label()
                ? "le nom « " + category.name() + " » est celui de la catégorie So.market « " + phrase.text() + " »"
                : "le nom « " + category.name() + " » contient le mot-clé « " + phrase.text() + " » de « "
                    + phrase.entry().label() + " »";
            if (parentCode != null && taxonomy.isWithin(phrase.entry().code(), parentCode)) {
                score += UNDER_PARENT;
                reason += ", sous la catégorie parente « " + parent.name() + " »";
            }
            Candidate candidate = new Candidate(phrase.entry(), score, reason);
            best.merge(phrase.entry().code(), candidate, (a, b) -> a.score() >= b.score() ? a : b);
        }
        return List.copyOf(best.values());
    }
}
