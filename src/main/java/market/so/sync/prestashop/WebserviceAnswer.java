package market.so.sync.prestashop;

/**
 * What came back from one successful call: its HTTP status (200, or 304 when the page is the one we
 * already have), the name of the document's first section ("products", "api", ...), the PrestaShop
 * version the shop announced and the body's SHA-1 for the next conditional request.
 */
public record WebserviceAnswer(int status, String section, String psVersion, String contentSha1, long bytes) {

    public boolean notModified() {
        return status == 304;
    }
}
