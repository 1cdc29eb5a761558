-- GET /api/shops/{id}/products (docs/decisions/0023): a shop's catalogue version and product count, moved in
-- the same transaction as what changes the listing (the sync's, a category mapping's). Every node reads the
-- version from here before it answers a page from its cache, so none answers a page older than the last
-- commit; the count is the page's "total", kept here instead of a COUNT(*) for every page.
ALTER TABLE shop ADD COLUMN catalog_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE shop ADD COLUMN catalog_products INTEGER NOT NULL DEFAULT 0;
UPDATE shop SET catalog_products = (SELECT COUNT(*) FROM product WHERE product.shop_id = shop.id);
