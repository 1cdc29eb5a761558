package market.so.sync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the body of every API request: a registration is a few hundred bytes, so
 * {@code somarket.api.max-registration-body} (4 kB) for {@code POST /api/shops}, and
 * {@code somarket.api.max-body} (1 MB: a category mapping of ~20,000 categories) for the others. A body
 * announced larger ({@code Content-Length}) is refused before a byte is read; a chunked one is cut when
 * it passes the limit ({@link BodyTooLarge}, answered by {@link ApiErrors}). Both answer 413 with the
 * API's JSON error body, and nothing is registered or changed.
 */
@Component
public class RequestBodyLimit extends OncePerRequestFilter {

    private final long registrationLimit;
    private final long limit;
    private final ObjectMapper json;

    public RequestBodyLimit(@Value("${somarket.api.max-registration-body:4KB}") DataSize registrationLimit,
                            @Value("${somarket.api.max-body:1MB}") DataSize limit, ObjectMapper json) {
        this.registrationLimit = registrationLimit.toBytes();
        this.limit = limit.toBytes();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        boolean registration = "POST".equals(request.getMethod())
            && request.getRequestURI().equals(request.getContextPath() + "/api/shops");
        long max = registration ? registrationLimit : limit;
        String what = registration ? "a shop registration" : "an API request";
        if (request.getContentLengthLong() > max) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            // the unread body is drained by Tomcat up to server.tomcat.max-swallow-size, then the connection closes
            json.writeValue(response.getOutputStream(), BodyTooLarge.error(what, max));
            return;
        }
        chain.doFilter(new Limited(request, max, what), response);
    }

    /** The body is larger than the limit of its request. */
    public static class BodyTooLarge extends IOException {
        private final String what;
        private final long limit;

        BodyTooLarge(String what, long limit) {
            super("the body of " + what + " is larger than " + limit + " bytes");
            this.what = what;
            this.limit = limit;
        }

        ApiError error() {
            return error(what, limit);
        }

        static ApiError error(String what, long limit) {
            return ApiError.of("BODY_TOO_LARGE", "the body of " + what + " may be at most " + limit + " bytes", null);
        }
    }

    /** The request with its body counted as it is read. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private final String what;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max, String what) {
            super(request);
            this.max = max;
            this.what = what;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counted(super.getInputStream(), max, what);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
        }
    }

    private static final class Counted extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private final String what;
        private long read;

        Counted(ServletInputStream in, long max, String what) {
            this.in = in;
            this.max = max;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > max) {
                throw new BodyTooLarge(what, max);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
