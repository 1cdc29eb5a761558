package market.so.sync.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The ops console (Hawtio at {@code /actuator/hawtio}, Jolokia at {@code /actuator/jolokia}): the ops user's
 * HTTP Basic like the rest, but with a session, because the console is a browser application whose font and
 * script requests carry no {@code Authorization} header; hence CSRF protection too, the way Hawtio's front
 * end expects it (an {@code XSRF-TOKEN} cookie it echoes as {@code X-XSRF-TOKEN} on every Jolokia POST).
 * The API keeps its stateless chain ({@code SecurityConfiguration}). ADR 0020.
 */
@Configuration
public class ConsoleSecurity {

    static final String[] PATHS = {"/actuator/hawtio", "/actuator/hawtio/**", "/actuator/jolokia", "/actuator/jolokia/**"};

    @Bean
    @Order(2)
    public SecurityFilterChain consoleFilterChain(HttpSecurity http) throws Exception {
        // path patterns, not MVC ones: Jolokia's endpoint is a servlet of its own, outside Spring MVC (with
        // securityMatcher(String...) its POSTs fell through to the API's chain, without CSRF: OpsConsoleTest)
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(Arrays.stream(PATHS).map(p -> (RequestMatcher) paths.matcher(p)).toList()))
            .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
            // the ops user's Basic credentials, checked once, then the session (a browser's font and fetch
            // requests do not all carry the Authorization header)
            .httpBasic(basic -> basic.securityContextRepository(new HttpSessionSecurityContextRepository()))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
            .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                // the plain token, as Hawtio reads it from the cookie (not the masked form of server pages)
                .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
            .addFilterAfter(new CsrfCookie(), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** Makes the token (and so its cookie) exist from the first page, before the console's first POST. */
    static final class CsrfCookie extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
