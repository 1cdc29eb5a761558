package market.so.sync.prestashop.sim;

import java.util.stream.LongStream;
import market.so.sync.prestashop.sim.CatalogRows.CombinationRow;
import market.so.sync.prestashop.sim.CatalogRows.ProductFacts;
import market.so.sync.prestashop.sim.CatalogRows.StockRow;

/**
 * Where a shop's products come from before any edit: the recorded demo shop or the generator.
 * Everything is by id and on demand, so a generated 100,000-product shop costs no memory.
 */
interface ProductSource {

    /** Product ids, ascending. */
    LongStream productIds();

    /** The product's webservice object, or null. Links are relative to {@code /api/}. */
    SimObject product(long id);

    ProductFacts facts(long id);

    /** Combination ids, ascending. */
    LongStream combinationIds();

    CombinationRow combination(long id);

    /** Stock row ids, ascending. */
    LongStream stockIds();

    StockRow stock(long id);

    /** The id of the stock row of a product (attribute 0) or of one of its combinations, or -1. */
    long stockId(long productId, long attributeId);

    /** Adds one product at the next free id and returns that id. */
    long add();
}
