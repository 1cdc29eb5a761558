package market.so.sync.shop;

public enum KeyChange { NEW_SHOP, REPLACED, UNCHANGED, REFUSED_KEPT_PREVIOUS }
