package market.so.sync.demo;

/** An error PrestaShop answers as {@code <errors><error><code/><message/></error></errors>}. */
final class WsError extends RuntimeException {

    final int status;
    final int code;

    WsError(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static WsError badRequest(int code, String message) {
        return new WsError(400, code, message);
    }
}
