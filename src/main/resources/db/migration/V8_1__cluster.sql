-- Several nodes (docs/decisions/0018). Lease and lock owners are "<node>/<uuid>", the node being the
-- node's Quartz instance id (up to 200 characters): a lease of a node that has left Quartz's cluster
-- table is void and is taken over.
ALTER TABLE sync_lock ALTER COLUMN owner SET DATA TYPE VARCHAR(300);
ALTER TABLE shop ALTER COLUMN sync_lease_owner SET DATA TYPE VARCHAR(300);

-- Which node ran a run or synced a shop (ops: the spread over the nodes; the takeover of a dead node's run).
ALTER TABLE sync_run ADD COLUMN node VARCHAR(200);
ALTER TABLE shop_sync ADD COLUMN node VARCHAR(200);

-- A shop's message delivered again (broker redelivery, duplicate) after the shop was synced in that run:
-- acknowledged, and counted on the sync it repeats rather than as another sync.
ALTER TABLE shop_sync ADD COLUMN redeliveries INTEGER DEFAULT 0 NOT NULL;
