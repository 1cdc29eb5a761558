/**
 * A PrestaShop 8.1.2 webservice simulator for tests and the benchmark (test scope only).
 *
 * <p>{@link market.so.sync.prestashop.sim.PrestaShopSimulator#start()} binds 127.0.0.1 on a free port;
 * {@code fixtureShop("demo")} serves the recorded demo shop (test resources {@code prestashop-8.1.2/},
 * five products served byte-for-byte, key {@code REALPRESTASHOPTESTKEY00000000001});
 * {@code generatedShop("big", n)} serves {@code n} products computed from their ids (see
 * {@link market.so.sync.prestashop.sim.GeneratedProducts} for the rules). Each shop lives in its own
 * sub-folder, so its address is {@code baseUrl()/name} and every path, {@code /api/} included, is under it.
 * {@link market.so.sync.prestashop.sim.SimShop} has the switches that reproduce real shops' failures and
 * {@link market.so.sync.prestashop.sim.SimCatalog} the edits for incremental-sync tests. Answers whose body
 * misbehaves (trickle, cut short, oversized, endless, an XML 503, the shop's own answer cut half-way) are
 * planned per path prefix ({@code BodyFault}); {@link market.so.sync.prestashop.sim.PrestaShopSimulator#startCountingConnections()}
 * puts a relay in front that counts the connections clients hold open to the host.
 */
package market.so.sync.prestashop.sim;
