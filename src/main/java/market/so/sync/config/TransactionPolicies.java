package market.so.sync.config;

import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The transaction policy that routes name with {@code transacted: {ref: requiresNew}}: a shop's
 * whole fetch commits at once or not at all, so a failed sync leaves the previous catalogue intact.
 */
@Configuration
public class TransactionPolicies {

    @Bean("requiresNew")
    public SpringTransactionPolicy requiresNew(PlatformTransactionManager transactionManager) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactionManager);
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRES_NEW");
        return policy;
    }
}
