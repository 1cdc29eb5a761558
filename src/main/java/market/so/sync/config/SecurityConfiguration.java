package market.so.sync.config;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /api/**} and the management endpoints other than health need HTTP Basic credentials
 * ({@code somarket.ops.username} / {@code somarket.ops.password}); with no password configured one is
 * generated and printed once at start, as Spring Boot does for its default user.
 */
@Configuration
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(auth -> auth
                .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                .requestMatchers("/error").permitAll()
                .anyRequest().authenticated())
            .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    public UserDetailsService opsUser(@Value("${somarket.ops.username:ops}") String username,
                                      @Value("${somarket.ops.password:}") String password) {
        String effective = password;
        if (effective == null || effective.isBlank()) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            effective = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            log.warn("\n\nGenerated ops password for user '{}': {}\nSet somarket.ops.password to choose one.\n",
                username, effective);
        }
        return new InMemoryUserDetailsManager(User.withUsername(username).password(passwordEncoder().encode(effective))
            .roles("OPS").build());
    }

    /** How a presented password is checked against the configured one: see {@link DigestPasswordEncoder}. */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new DigestPasswordEncoder();
    }
}
