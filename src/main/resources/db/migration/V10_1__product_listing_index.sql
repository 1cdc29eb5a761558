-- GET /api/shops/{id}/products (docs/decisions/0016): the variants of a page's products are read in
-- (shop_product_id, position, shop_variant_id) order straight from this index, without a sort. It
-- replaces product_variant_product, which is its prefix. The products themselves come in page order
-- from product_shop_unique (shop_id, shop_product_id).
CREATE INDEX product_variant_listing ON product_variant (shop_id, shop_product_id, position, shop_variant_id);
DROP INDEX product_variant_product;
