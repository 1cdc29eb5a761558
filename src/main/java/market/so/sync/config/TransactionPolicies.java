package market.so.sync.config;

import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The transaction policy that route {@code fetch-catalog} names with {@code transacted: {ref: oneTransaction}}: a
 * shop's whole fetch commits at once or not at all, so a failed sync leaves the previous catalogue intact.
 *
 * <p>{@code PROPAGATION_REQUIRED}, not {@code REQUIRES_NEW}: Camel wraps a transacted route twice (the policy, and
 * the route's error handler, which it makes transactional with the same policy), so {@code REQUIRES_NEW} opened two
 * transactions, the outer one holding a connection idle for the whole sync: two connections per sync in flight
 * (docs/decisions/0004). With {@code REQUIRED} the inner joins the outer. Nothing may call the route inside a
 * transaction of its own ({@code ShopSyncs.begin} refuses it), so the sync's transaction is always its own.
 */
@Configuration
public class TransactionPolicies {

    @Bean("oneTransaction")
    public SpringTransactionPolicy oneTransaction(PlatformTransactionManager transactionManager) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactionManager);
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }
}
