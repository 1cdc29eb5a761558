-- The merchant's page lets a merchant ask for a sync now, at most once per somarket.site.sync-now-interval
-- per shop: the time of the last accepted request, in the database so that every node sees it.
CREATE TABLE merchant_sync_request (
    shop_id       BIGINT NOT NULL PRIMARY KEY REFERENCES shop (id) ON DELETE CASCADE,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
