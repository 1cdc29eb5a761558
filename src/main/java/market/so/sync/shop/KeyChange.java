package market.so.sync.shop;

/** What a registration did to the stored key. */
public enum KeyChange { NEW_SHOP, REPLACED, UNCHANGED, REFUSED_KEPT_PREVIOUS }
