package market.so.sync.prestashop;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.shop.AddressGuard;
import market.so.sync.shop.ShopStatus;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calls a shop's webservice through route {@code webservice-get} (camel-http, with redelivery set in
 * YAML) and gives back either the streamed XML or a {@link WebserviceException} that says what the
 * merchant has to fix. The only place where a Java bean starts an HTTP call.
 */
@Component
public class WebserviceClient {

    private final ProducerTemplate template;
    private final String endpoint;
    private final int syncRetries;

    public WebserviceClient(ProducerTemplate template, @Value("${somarket.sync.retries:3}") int syncRetries) {
        this.template = template;
        this.endpoint = "direct:webservice-get";
        this.syncRetries = syncRetries;
    }

    /** Options of one call: retry budget, meter, and the SHA-1 of the copy we hold (for a 304). */
    public record Options(int retries, RequestMeter meter, String localSha1) {
        public static Options probe(RequestMeter meter) {
            return new Options(1, meter, null);
        }

        /** The same call, answered 304 when the shop's page still has this SHA-1 (PrestaShop 8+). */
        public Options ifChangedFrom(String sha1) {
            return new Options(retries, meter, sha1);
        }

        public Options withRetries(int count) {
            return new Options(count, meter, localSha1);
        }
    }

    public Options syncOptions(RequestMeter meter) {
        return new Options(syncRetries, meter, null);
    }

    /**
     * Gives the elements at {@code depth} (2: each {@code <product>} of a page) to the sink, once the answer has
     * been read to its end: the sink never sees a row of a try whose body broke off and was asked again.
     */
    public WebserviceAnswer stream(WebserviceCall call, int depth, Consumer<XmlNode> sink, Options options) {
        Rows answer = read(call, depth, options);
        answer.rows().forEach(sink);
        return answer.answer();
    }

    @SuppressWarnings("unchecked")
    private Rows read(WebserviceCall call, int depth, Options options) {
        Exchange result = template.send(endpoint, exchange -> {
            exchange.setProperty(WebserviceAnswers.CALL, call);
            exchange.setProperty(WebserviceAnswers.DEPTH, depth);
            exchange.setProperty(WebserviceAnswers.METER, options.meter());
            exchange.setProperty(WebserviceRetries.RETRIES, options.retries());
            if (options.localSha1() != null) {
                exchange.setProperty(WebserviceAnswers.LOCAL_SHA1, options.localSha1());
            }
        });
        Throwable failure = result.getException();
        if (failure != null) {
            throw translate(failure, call);
        }
        java.util.List<XmlNode> rows = result.getProperty(WebserviceAnswers.ROWS, java.util.List.class);
        return new Rows(rows == null ? java.util.List.of() : rows, result.getProperty("wsAnswer", WebserviceAnswer.class));
    }

    /** The rows at depth 2 of one answer ({@code <product>} of {@code <products>}), with the answer itself. */
    public record Rows(java.util.List<XmlNode> rows, WebserviceAnswer answer) {
    }

    /** The rows of one answer (a 304 has none), from the one try that read it whole. */
    public Rows rows(WebserviceCall call, Options options) {
        return read(call, 2, options);
    }

    /** Reads a whole small document (the /api/ listing, languages, configurations). */
    public XmlNode document(WebserviceCall call, Options options) {
        java.util.List<XmlNode> root = read(call, 0, options).rows();
        return root.isEmpty() ? null : root.get(0);
    }

    public XmlNode document(ShopAccess access, String resource, Map<String, String> params, Options options) {
        return document(WebserviceCall.of(access, resource, params), options);
    }

    static WebserviceException translate(Throwable failure, WebserviceCall call) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof WebserviceException w) {
                return w;
            }
            if (cause instanceof AddressGuard.UnsafeAddress unsafe) {
                return new WebserviceException(ShopStatus.UNSAFE_URL, unsafe.getMessage());
            }
            if (cause instanceof IOException io) {
                return fromIo(io, call);
            }
            cause = cause.getCause();
        }
        return new WebserviceException(ShopStatus.SYNC_FAILED, "unexpected failure calling " + call.resource()
            + ": " + failure.getClass().getSimpleName(), false, null);
    }

    private static WebserviceException fromIo(IOException io, WebserviceCall call) {
        String host = java.net.URI.create(call.access().baseUrl()).getHost();
        if (io instanceof UnknownHostException) {
            return new WebserviceException(ShopStatus.UNREACHABLE, "the address " + host + " does not resolve");
        }
        if (io instanceof SSLException) {
            return new WebserviceException(ShopStatus.TLS_ERROR, "the secure connection to " + host
                + " failed: " + io.getClass().getSimpleName());
        }
        if (io instanceof ShopRequestGuard.DeadlineReached) {
            return new WebserviceException(ShopStatus.TIMEOUT, host + ": " + io.getMessage());
        }
        if (io instanceof InterruptedIOException) {
            return new WebserviceException(ShopStatus.TIMEOUT, host + " did not answer in time");
        }
        if (io instanceof ResponseLimits.TooLarge) {
            return new WebserviceException(ShopStatus.RESPONSE_TOO_LARGE, call.brief() + " on " + host + ": " + io.getMessage());
        }
        if (io instanceof WebserviceAnswers.CutShort) {
            return new WebserviceException(ShopStatus.UNREACHABLE, host + ": " + io.getMessage());
        }
        return new WebserviceException(ShopStatus.UNREACHABLE, host + " could not be reached ("
            + io.getClass().getSimpleName() + ")");
    }
}
