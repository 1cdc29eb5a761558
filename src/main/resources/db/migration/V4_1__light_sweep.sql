-- The light sweep (docs/decisions/0010): each sync reads every product light, and reads whole only
-- those whose date_upd moved.

-- What moves without date_upd (prices, stock, listing, variants), hashed apart from the content, and
-- the product's light row of the last sweep (rebuilds a page the shop answers 304).
ALTER TABLE product ADD COLUMN state_hash VARCHAR(64);
ALTER TABLE product ADD COLUMN sweep_row VARCHAR(300);

-- Per light page of a shop: the SHA-1 the shop gave it and the ids it covered (PrestaShop 8+ answers
-- 304 to Local-Content-Sha1 when the page is unchanged).
CREATE TABLE sweep_page (
    shop_id       BIGINT      NOT NULL REFERENCES shop (id) ON DELETE CASCADE,
    page_offset   INTEGER     NOT NULL,
    page_size     INTEGER     NOT NULL,
    content_sha1  VARCHAR(64) NOT NULL,
    first_id      BIGINT      NOT NULL,
    last_id       BIGINT      NOT NULL,
    row_count     INTEGER     NOT NULL,
    PRIMARY KEY (shop_id, page_offset)
);

-- Products the shop could not render even alone (a 500): skipped, kept as stored, reported.
ALTER TABLE shop_sync ADD COLUMN products_skipped INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE shop_sync ADD COLUMN skipped_detail VARCHAR(2000);
