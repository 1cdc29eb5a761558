package market.so.sync.shop;

public record RegistrationRequest(String url, String apiKey, String contactEmail, String source /* "api" | "mail" */) {}
