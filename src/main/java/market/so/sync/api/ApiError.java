package market.so.sync.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every 4xx answer (and of a 503 while the service starts): a stable code, a sentence for people, the field at fault. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field, Object shop) {

    public static ApiError of(String error, String message, String field) {
        return new ApiError(error, message, field, null);
    }
}
