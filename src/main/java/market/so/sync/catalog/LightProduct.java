package market.so.sync.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * What the light sweep reads of every product at every sync, about 250 bytes of XML each: enough to
 * tell a product the shop changed ({@code date_upd}) from one it did not, and everything about it that
 * moves without touching {@code date_upd} (the prices the shop computes, which follow specific prices).
 * Also kept on the product row as a {@link #snapshot()}, so a page the shop answers 304 (unchanged
 * since last time) can be rebuilt without reading it again.
 */
public record LightProduct(long id, String dateUpd, boolean listed, boolean availableForOrder, String finalPrice,
                           String regularPrice, String basePrice, Long taxGroup, boolean hasCombinations,
                           String images, String priceInputs, Long priceDay) {

    /**
     * The same product with the prices the shop computed, the fingerprint of what they were computed from
     * and the day (epoch day, UTC) they were asked (docs/decisions/0025).
     */
    public LightProduct priced(String finalTaxIncluded, String regularTaxIncluded, String inputs, Long day) {
        return new LightProduct(id, dateUpd, listed, availableForOrder, finalTaxIncluded, regularTaxIncluded, basePrice,
            taxGroup, hasCombinations, images, inputs, day);
    }

    /** The fields of a light page, besides the computed price aliases. {@code state} is 1.7+ only. */
    public static final String FIELDS = "id,date_upd,active,state,visibility,available_for_order,"
        + "cache_default_attribute,price,id_tax_rules_group,images[id]";
    /** The same for versions that do not know {@code state} (1.5, 1.6). */
    public static final String FIELDS_WITHOUT_STATE = FIELDS.replace("state,", "");

    /**
     * The display of a first sync's whole reads by id (docs/decisions/0029): these light fields and the fields the
     * mapper reads ({@link ProductMapper#READ_DISPLAY}), each once, without the brackets.
     */
    public static String wholeFields(String lightFields) {
        LinkedHashSet<String> fields = new LinkedHashSet<>(List.of(lightFields.split(",")));
        String mapped = ProductMapper.READ_DISPLAY;
        fields.addAll(List.of(mapped.substring(1, mapped.length() - 1).split(",")));
        return String.join(",", fields);
    }

    /** Reads a light row, or a full one (the full shape has every light field). */
    public static LightProduct of(XmlNode product) {
        Long id = product.longValue("id");
        if (id == null) {
            return null;
        }
        Long defaultCombination = product.longValue("cache_default_attribute");
        boolean hasCombinations = defaultCombination == null ? hasCombinationAssociation(product) : defaultCombination > 0;
        return new LightProduct(id, product.value("date_upd"), ProductMapper.listed(product),
            product.flag("available_for_order", true), product.value(CatalogReader.FINAL_PRICE),
            product.value(CatalogReader.REGULAR_PRICE), product.value("price"), product.longValue("id_tax_rules_group"),
            hasCombinations, images(product), null, null);
    }

    private static boolean hasCombinationAssociation(XmlNode product) {
        XmlNode associations = product.child("associations");
        return associations == null || associations.child("combinations") == null
            || !ProductMapper.associationIds(product, "combinations").isEmpty();
    }

    /**
     * The product's picture ids in the shop's order ("" for none; a hash when long): adding a picture in
     * PrestaShop 8.1 does not move {@code date_upd}, so a change here reads the product whole.
     */
    private static String images(XmlNode product) {
        XmlNode associations = product.child("associations");
        if (associations == null || associations.child("images") == null) {
            return null; // not asked (or a version that does not list them): not compared
        }
        String ids = String.join(",", ProductMapper.associationIds(product, "images").stream().map(String::valueOf).toList());
        return ids.length() <= 40 ? ids : market.so.sync.catalog.price.PriceInputs.shortHash(ids);
    }

    /** True when both rows list their pictures and the lists differ. */
    public boolean imagesDifferFrom(LightProduct other) {
        return other != null && images != null && other.images() != null && !images.equals(other.images());
    }

    /** True when the shop computed this product's prices ({@code price[...]} fields present). */
    public boolean pricedByShop() {
        return finalPrice != null;
    }

    /** One line that {@link #fromSnapshot} reads back: stored on the product row. */
    public String snapshot() {
        String line = String.join("\t", Objects.toString(dateUpd, ""), listed ? "1" : "0", availableForOrder ? "1" : "0",
            Objects.toString(finalPrice, ""), Objects.toString(regularPrice, ""), Objects.toString(basePrice, ""),
            Objects.toString(taxGroup, ""), hasCombinations ? "1" : "0");
        return line + "\t" + Objects.toString(priceInputs, "") + "\t" + Objects.toString(priceDay, "") + "\t"
            + (images == null ? "-" : images);
    }

    public static LightProduct fromSnapshot(long id, String snapshot) {
        if (snapshot == null) {
            return null;
        }
        String[] f = snapshot.split("\t", -1);
        if (f.length != 8 && f.length != 11) {
            return null;
        }
        boolean more = f.length == 11;
        return new LightProduct(id, blank(f[0]), "1".equals(f[1]), "1".equals(f[2]), blank(f[3]), blank(f[4]), blank(f[5]),
            f[6].isEmpty() ? null : Long.valueOf(f[6]), "1".equals(f[7]), more && !"-".equals(f[10]) ? f[10] : null,
            more ? blank(f[8]) : null, more && !f[9].isEmpty() ? Long.valueOf(f[9]) : null);
    }

    private static String blank(String value) {
        return value.isEmpty() ? null : value;
    }
}
