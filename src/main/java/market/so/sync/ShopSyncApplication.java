package market.so.sync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ShopSyncApplication {
    public static void main(String[] args) {
        SpringApplication.run(ShopSyncApplication.class, args);
    }
}
