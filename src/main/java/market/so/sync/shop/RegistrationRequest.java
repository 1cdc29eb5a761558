package market.so.sync.shop;

/** A merchant's "here is my shop and my key" (guide §3 by e-mail, §3bis by hand). */
public record RegistrationRequest(String url, String apiKey, String contactEmail, String source) {

    @Override
    public String toString() {
        return "RegistrationRequest[" + url + " from " + source + "]";
    }
}
