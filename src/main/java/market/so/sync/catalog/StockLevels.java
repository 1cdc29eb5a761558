package market.so.sync.catalog;

import java.util.Arrays;

/**
 * The stock of one shop, read from {@code stock_availables} before the product pages (it has no
 * update date, so it is read whole every sync). Kept as sorted primitive arrays: 100,000 products
 * cost about 2 MB, where a map of boxed values would cost ten times more.
 */
public final class StockLevels {

    private long[] keys = new long[1024];
    private int[] quantities = new int[1024];
    private byte[] outOfStock = new byte[1024];
    private int size;
    private boolean sorted = true;

    private static long key(long productId, long variantId) {
        return (productId << 24) | (variantId & 0xFFFFFF);
    }

    public void put(long productId, long variantId, int quantity, int outOfStockPolicy) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            quantities = Arrays.copyOf(quantities, size * 2);
            outOfStock = Arrays.copyOf(outOfStock, size * 2);
        }
        long k = key(productId, variantId);
        if (size > 0 && keys[size - 1] > k) {
            sorted = false;
        }
        keys[size] = k;
        quantities[size] = quantity;
        outOfStock[size] = (byte) outOfStockPolicy;
        size++;
    }

    /** Quantity of a product (variant 0 = the product's total), or null when the shop has no row. */
    public Integer quantity(long productId, long variantId) {
        int i = index(productId, variantId);
        return i < 0 ? null : quantities[i];
    }

    /** PrestaShop's out_of_stock: 0 deny orders, 1 allow, 2 the shop's default; -1 when unknown. */
    public int outOfStockPolicy(long productId) {
        int i = index(productId, 0);
        return i < 0 ? -1 : outOfStock[i];
    }

    public int size() {
        return size;
    }

    private int index(long productId, long variantId) {
        if (!sorted) {
            sort();
        }
        return Arrays.binarySearch(keys, 0, size, key(productId, variantId));
    }

    private void sort() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        long[] k = new long[keys.length];
        int[] q = new int[keys.length];
        byte[] o = new byte[keys.length];
        for (int i = 0; i < size; i++) {
            k[i] = keys[order[i]];
            q[i] = quantities[order[i]];
            o[i] = outOfStock[order[i]];
        }
        keys = k;
        quantities = q;
        outOfStock = o;
        sorted = true;
    }
}
