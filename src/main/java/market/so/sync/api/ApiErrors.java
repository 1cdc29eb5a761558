package market.so.sync.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Bad input gets a clear JSON error, never a stack trace. */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.BodyTooLarge tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        return ResponseEntity.badRequest().body(ApiError.of("MALFORMED_JSON", "the request body is not valid JSON", null));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
        var error = e.getBindingResult().getFieldErrors().get(0);
        return ResponseEntity.badRequest().body(ApiError.of("INVALID_" + error.getField().replaceAll("([A-Z])", "_$1")
            .toUpperCase(), error.getDefaultMessage(), error.getField()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(ApiError.of("INVALID_PARAMETER", "invalid value for " + e.getName(), e.getName()));
    }

    /** A chunked body cut at its limit ({@link RequestBodyLimit}); Jackson may or may not wrap it. */
    @ExceptionHandler(RequestBodyLimit.BodyTooLarge.class)
    public ResponseEntity<ApiError> tooLarge(RequestBodyLimit.BodyTooLarge e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(e.error());
    }

    /** The routes are starting or stopping (RoutesAvailability): 503, and when to ask again. */
    @ExceptionHandler(RoutesAvailability.Unavailable.class)
    public ResponseEntity<ApiError> unavailable(RoutesAvailability.Unavailable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, String.valueOf(RoutesAvailability.RETRY_AFTER.toSeconds()))
            .body(ApiError.of("UNAVAILABLE", e.getMessage(), null));
    }

    @ExceptionHandler(market.so.sync.catalog.CatalogVersions.UnknownLanguage.class)
    public ResponseEntity<ApiError> unknownLanguage(market.so.sync.catalog.CatalogVersions.UnknownLanguage e) {
        return ResponseEntity.badRequest().body(ApiError.of("UNKNOWN_LANGUAGE", e.getMessage(), "language"));
    }

    @ExceptionHandler(NotFound.class)
    public ResponseEntity<ApiError> notFound(NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("NOT_FOUND", e.getMessage(), null));
    }

    /** A shop, run or resource that does not exist. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }
}
