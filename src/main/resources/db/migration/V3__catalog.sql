-- Catalogue fidelity: how a shop's prices and images were read, category link_rewrite, variant availability.

-- SHOP: the shop computed the prices (price[...] virtual fields); COMPUTED: our fallback from taxes and
-- specific prices, for versions that refuse the virtual fields.
ALTER TABLE shop ADD COLUMN price_source VARCHAR(16);
-- FRIENDLY (/{id}-{type}/{rewrite}.jpg) or PHYSICAL (/img/p/1/2/3/123-{type}.jpg): the form that answered a HEAD.
ALTER TABLE shop ADD COLUMN image_url_form VARCHAR(16);
ALTER TABLE shop ADD COLUMN image_type VARCHAR(64);
-- What the last sync wants ops and the merchant to know about the catalogue (fallback prices, image check...).
ALTER TABLE shop ADD COLUMN catalog_note VARCHAR(1000);

ALTER TABLE shop_category ADD COLUMN link_rewrite VARCHAR(255);

ALTER TABLE product_variant ADD COLUMN available BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE product_variant ADD COLUMN position INTEGER DEFAULT 0 NOT NULL;
