package market.so.sync.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/shops}: guide §3bis, the site address and the key typed by the merchant. */
public record ShopForm(
    @NotBlank(message = "the shop address is missing") @Size(max = 500, message = "the shop address is too long") String url,
    // the key's format is checked by the registration route, so that a rejected value (a secret)
    // never ends up in a validation message or its DEBUG log line
    @NotBlank(message = "the webservice key is missing") String apiKey,
    @Email(message = "the contact e-mail is not valid") @Size(max = 320) String contactEmail) {

    @Override
    public String toString() {
        return "ShopForm[" + url + "]";
    }
}
