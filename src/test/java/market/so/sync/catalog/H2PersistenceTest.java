package market.so.sync.catalog;

import market.so.sync.support.SyncTest;

@SyncTest
class H2PersistenceTest extends PersistenceContract {
}
