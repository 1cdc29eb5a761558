package market.so.sync.catalog.category;

/** A So.market category proposed for a shop category, with the basis of the proposal in words. */
public record Suggestion(String code, String label, String reason) {
}
