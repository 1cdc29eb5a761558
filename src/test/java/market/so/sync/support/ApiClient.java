package market.so.sync.support;

import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** The REST API as ops (HTTP Basic) see it, with JSON bodies as maps. */
public final class ApiClient {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

    private final TestRestTemplate rest;

    public ApiClient(TestRestTemplate rest) {
        this.rest = rest.withBasicAuth("ops", "test-ops-password");
    }

    public ResponseEntity<Map<String, Object>> registerShop(String url, String key, String email) {
        Map<String, Object> form = new java.util.HashMap<>();
        form.put("url", url);
        form.put("apiKey", key);
        if (email != null) {
            form.put("contactEmail", email);
        }
        return post("/api/shops", form);
    }

    public ResponseEntity<Map<String, Object>> post(String path, Object body) {
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body), MAP);
    }

    /** A body sent as JSON whatever it holds (to check that malformed JSON is refused cleanly). */
    public ResponseEntity<Map<String, Object>> postJson(String path, String json) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), MAP);
    }

    public ResponseEntity<String> put(String path, Object body) {
        return rest.exchange(path, HttpMethod.PUT, new HttpEntity<>(body), String.class);
    }

    public Map<String, Object> get(String path) {
        return rest.exchange(path, HttpMethod.GET, null, MAP).getBody();
    }

    public List<Map<String, Object>> getList(String path) {
        return rest.exchange(path, HttpMethod.GET, null, LIST).getBody();
    }

    public ResponseEntity<String> raw(String path) {
        return rest.getForEntity(path, String.class);
    }

    public static long id(ResponseEntity<Map<String, Object>> response) {
        return ((Number) response.getBody().get("id")).longValue();
    }
}
