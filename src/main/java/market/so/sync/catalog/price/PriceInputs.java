package market.so.sync.catalog.price;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import market.so.sync.catalog.LightCombination;
import market.so.sync.catalog.LightProduct;
import market.so.sync.catalog.ProductState;

/**
 * What the shop computes a product's prices from, as one sync reads it (docs/decisions/0025): the
 * product's own fields ({@code date_upd}, base price, tax rule group), the tax rules of that group, the
 * specific prices of the product and of every product (id 0), the price impacts of its combinations,
 * and the shop's price settings. Its {@link #fingerprint} is stored with the prices: the prices are
 * asked again only when it changed. A specific price that starts or ends close to now (within the
 * margin, which covers any shop time zone) makes the product's prices asked at every sync until the
 * date is well past, since the shop's local time is not known exactly.
 */
public final class PriceInputs {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Map<Long, String> specificPrices;
    private final Map<Long, List<String>> dates;
    private final Map<Long, String> taxGroups;
    private final Set<Long> namedCombinations;
    private final boolean combinationsFeatureOff;
    private final String settings;
    private final LocalDateTime nowUtc;
    private final Duration margin;

    /**
     * @param specificPrices the rows of each product (0 = every product), as one text each
     * @param dates          the {@code from}/{@code to} dates of those rows, by product
     * @param taxGroups      the rules and rates of each tax rule group in the shop's country
     * @param namedCombinations the combinations some specific price names ({@code id_product_attribute})
     * @param combinationsFeatureOff the shop's {@code PS_COMBINATION_FEATURE_ACTIVE} is 0 (it prices no combination)
     * @param settings       the shop's price settings (tax on, country, currency, group)
     */
    public PriceInputs(Map<Long, String> specificPrices, Map<Long, List<String>> dates, Map<Long, String> taxGroups,
                       Set<Long> namedCombinations, boolean combinationsFeatureOff, String settings,
                       LocalDateTime nowUtc, Duration margin) {
        this.specificPrices = Map.copyOf(specificPrices);
        this.dates = Map.copyOf(dates);
        this.taxGroups = Map.copyOf(taxGroups);
        this.namedCombinations = Set.copyOf(namedCombinations);
        this.combinationsFeatureOff = combinationsFeatureOff;
        this.settings = settings;
        this.nowUtc = nowUtc;
        this.margin = margin;
    }

    /** The fingerprint of everything the product's computed prices (and its combinations') depend on. */
    public String fingerprint(LightProduct product, List<LightCombination> combinations) {
        StringBuilder text = new StringBuilder(256).append(settings).append('\u0001')
            .append(product.dateUpd()).append('\u0001').append(product.basePrice()).append('\u0001')
            .append(product.taxGroup()).append('\u0001').append(taxGroups.getOrDefault(product.taxGroup(), "-"))
            .append('\u0001').append(specificPrices.getOrDefault(product.id(), "")).append('\u0001')
            .append(specificPrices.getOrDefault(0L, "")).append('\u0001')
            .append(phases(product.id())).append(phases(0L)).append('\u0001');
        if (combinationsFeatureOff) {
            // the shop then prices no combination: turned off or on again, the prices are asked again. Only
            // when off, so the fingerprints stored while it was on (every other shop) stay what they were
            text.append("combinations off").append('\u0001');
        }
        for (LightCombination combination : combinations) {
            text.append(combination.id()).append(':').append(combination.impact());
            if (combination.defaultOn()) {
                text.append('*'); // the product's own computed price is its default combination's
            }
            if (positive(combination.ecotax())) {
                text.append('/').append(combination.ecotax());
            }
            text.append(';');
        }
        return sha256(text.toString()).substring(0, 16);
    }

    /**
     * True when the shop computes this combination's prices exactly as its product's (docs/decisions/0030), so that
     * they need not be asked: PrestaShop prices a product ({@code Product::priceCalculation} with no combination) from
     * its default combination's price impact and ecotax and from the specific prices that name no combination. A
     * combination whose impact and ecotax are those of the default one, that no specific price names, gets the same
     * figures - unless a specific price of the product starts or ends near now (its two requests may straddle it).
     *
     * @param own all the combinations of the product, as the sync read them
     */
    public boolean pricedAsProduct(long productId, LightCombination combination, List<LightCombination> own) {
        if (combinationsFeatureOff) {
            return false; // the shop answers no combination price at all: let it say so
        }
        LightCombination standard = null;
        for (LightCombination c : own) {
            if (c.defaultOn()) {
                if (standard != null) {
                    return false; // two defaults: which one the shop takes is not ours to guess
                }
                standard = c;
            }
        }
        return standard != null && !namedCombinations.contains(combination.id())
            && sameAmount(combination.impact(), standard.impact())
            && sameEcotax(combination.ecotax(), standard.ecotax()) && !nearDate(productId);
    }

    /** The shop takes a combination's ecotax when it is above zero, else the product's. */
    private static boolean sameEcotax(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        boolean own = positive(a);
        return own == positive(b) && (!own || sameAmount(a, b));
    }

    private static boolean sameAmount(String a, String b) {
        BigDecimal x = amount(a);
        BigDecimal y = amount(b);
        return x != null && y != null && x.compareTo(y) == 0;
    }

    private static boolean positive(String value) {
        BigDecimal amount = amount(value);
        return amount != null && amount.signum() > 0;
    }

    private static BigDecimal amount(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when a specific price of the product (or of every product) starts or ends near now. */
    public boolean nearDate(long productId) {
        return near(dates.getOrDefault(productId, List.of())) || near(dates.getOrDefault(0L, List.of()));
    }

    private boolean near(List<String> boundaries) {
        for (String boundary : boundaries) {
            LocalDateTime at = parse(boundary);
            if (at != null && !at.isBefore(nowUtc.minus(margin)) && !at.isAfter(nowUtc.plus(margin))) {
                return true;
            }
        }
        return false;
    }

    /**
     * For each date: "b" while it is more than the margin ahead, "n" near it, "a" once more than the margin
     * past. Each step changes the fingerprint, so the prices are asked once more after the date is past in
     * any time zone; while near, {@link #nearDate} asks them at every sync.
     */
    private String phases(long productId) {
        StringBuilder phases = new StringBuilder();
        for (String boundary : dates.getOrDefault(productId, List.of())) {
            LocalDateTime at = parse(boundary);
            phases.append(at == null ? '-' : at.isAfter(nowUtc.plus(margin)) ? 'b'
                : at.isBefore(nowUtc.minus(margin)) ? 'a' : 'n');
        }
        return phases.toString();
    }

    /** A date of a specific price, or null for PrestaShop's "no date" (0000-00-00 00:00:00). */
    static LocalDateTime parse(String value) {
        if (value == null || value.isBlank() || value.startsWith("0000")) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim(), DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** 16 hex digits of the SHA-256 of the text. */
    public static String shortHash(String text) {
        return sha256(text).substring(0, 16);
    }

    static String sha256(String canonical) {
        return ProductState.sha256(canonical);
    }

    @Override
    public String toString() {
        return "PriceInputs[" + specificPrices.size() + " products with specific prices, " + taxGroups.size()
            + " tax groups, " + Objects.toString(settings) + "]";
    }
}
