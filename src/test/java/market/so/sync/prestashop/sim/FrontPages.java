package market.so.sync.prestashop.sim;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The HTML a browser (or a confused client) gets from a shop's host: the Apache 404 page, a product
 * page, another CMS's page, the error pages of an overloaded host; and the one JPEG every image is.
 */
final class FrontPages {

    private FrontPages() {
    }

    static String notFound(String path) {
        return "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n"
                + "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL " + escape(path)
                + " was not found on this server.</p>\n<hr>\n<address>Apache/2.4.57 (Debian) Server</address>\n"
                + "</body></html>\n";
    }

    static String otherCms(String shopName) {
        return "<!DOCTYPE html>\n<html lang=\"fr-FR\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<meta name=\"generator\" content=\"WordPress 6.6.2\">\n<title>" + escape(shopName)
                + " &#8211; Un site utilisant WordPress</title>\n</head>\n<body class=\"home blog\">\n"
                + "<h1>Bienvenue</h1>\n<p>Ceci est votre premier article.</p>\n</body>\n</html>\n";
    }

    static String home(String shopName) {
        return "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(shopName)
                + "</title>\n<script>var prestashop = {\"shop\":{\"name\":\"" + escape(shopName)
                + "\"}};</script>\n</head>\n<body id=\"index\">\n</body>\n</html>\n";
    }

    static String product(String shopName, long id, String name) {
        return "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(name)
                + "</title>\n</head>\n<body id=\"product\" class=\"product-id-" + id + "\">\n<h1 class=\"h1\">"
                + escape(name) + "</h1>\n<p>" + escape(shopName) + "</p>\n</body>\n</html>\n";
    }

    static String hostError(int status) {
        String reason = switch (status) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
        return "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n<center><h1>" + status
                + " " + reason + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }

    /** A real, decodable 1x1 JPEG, made once per simulator. */
    static byte[] tinyJpeg() {
        try {
            BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0xE0C090);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
