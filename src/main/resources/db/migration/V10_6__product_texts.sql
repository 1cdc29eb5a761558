-- Several languages (docs/decisions/0026): a product's texts in the shop's other active languages, beside the
-- default language's in product (which the listing shows by default). A field the shop left empty in a
-- language is NULL: the listing shows the default language's there. Rewritten with the product's content.
CREATE TABLE product_text (
    shop_id          BIGINT        NOT NULL REFERENCES shop (id) ON DELETE CASCADE,
    shop_product_id  BIGINT        NOT NULL,
    language_iso     VARCHAR(8)    NOT NULL,
    name             VARCHAR(1000),
    description      VARCHAR(8000),
    link_rewrite     VARCHAR(500),
    PRIMARY KEY (shop_id, shop_product_id, language_iso)
);

-- A variant's label in the other languages where it differs from the default one: a JSON object, iso code
-- to label ({"en": "Size: M"}), NULL when there is none. Written with the variant.
ALTER TABLE product_variant ADD COLUMN labels VARCHAR(8000);

-- The iso codes of the other languages whose texts the last sync kept ("en,es"; "" none; NULL never synced
-- since): when the shop's active languages change, the next sync reads every product whole once.
ALTER TABLE shop ADD COLUMN text_languages VARCHAR(255);
