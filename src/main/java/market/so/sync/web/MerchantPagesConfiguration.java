package market.so.sync.web;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The merchant's pages sit outside the ops credentials: the signed link in their address is their only key
 * (ADR 0019). This chain comes before the ops chain and takes only {@code /merchant/**}.
 *
 * <p>Forms are protected by Spring Security's CSRF token, kept in a cookie (double submit) rather than a session,
 * so that any node of a cluster accepts a form another node served. The signed link is in the address, so no
 * referrer is ever sent from these pages (a link to the guide must not carry it away).
 */
@Configuration
public class MerchantPagesConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
        + "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(1)
    public SecurityFilterChain merchantPages(HttpSecurity http) throws Exception {
        CookieCsrfTokenRepository csrfCookies = new CookieCsrfTokenRepository();
        csrfCookies.setCookiePath("/merchant");
        http.securityMatcher("/merchant/**")
            .csrf(csrf -> csrf.csrfTokenRepository(csrfCookies))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .headers(headers -> headers
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
            // a form without its token (cookies blocked, a page kept open across a restart of the browser): a page
            // that says to reload, not a bare 403
            .exceptionHandling(denied -> denied.accessDeniedPage(FormRefusedPage.PATH))
            .requestCache(cache -> cache.disable());
        return http.build();
    }

    /** French first; English when the browser puts it before French. */
    @Bean
    public LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(Locale.FRENCH, Locale.ENGLISH));
        resolver.setDefaultLocale(Locale.FRENCH);
        return resolver;
    }
}
