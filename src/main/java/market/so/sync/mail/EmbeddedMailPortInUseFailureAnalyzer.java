package market.so.sync.mail;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * What Spring Boot prints, as the last thing before the process ends, when the embedded mail server's port is taken:
 * the port, the protocol and the property that moves it, in one sentence, as Boot itself does for
 * {@code server.port} ("Web server failed to start. Port 8080 was already in use."). Registered in
 * {@code META-INF/spring.factories}.
 */
public class EmbeddedMailPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedMailPortInUse> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedMailPortInUse cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Stop the program that listens on port " + cause.port() + ", or start with --" + cause.property()
                        + "=0 (or another free port; with mvn spring-boot:run: -Dspring-boot.run.arguments=--"
                        + cause.property() + "=0).",
                cause);
    }
}
