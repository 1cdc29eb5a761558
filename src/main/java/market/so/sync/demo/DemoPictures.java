package market.so.sync.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * The demo's product pictures, drawn here with java.awt and served as JPEG (what PrestaShop serves):
 * the product's tint, a woven pattern, its initials and name. Drawn on first request per picture and
 * size, then kept (a few dozen small images).
 */
final class DemoPictures {

    private static final Map<String, Integer> SIZES = Map.of("cart_default", 125, "small_default", 98,
        "medium_default", 452, "home_default", 250, "large_default", 800);

    private final DemoCatalogue catalogue;
    private final Map<String, byte[]> drawn = new ConcurrentHashMap<>();

    DemoPictures(DemoCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The JPEG of a picture in an image type, or null when there is no such picture or type. */
    byte[] jpeg(long imageId, String type) {
        DemoCatalogue.Picture picture = catalogue.pictures.get(imageId);
        Integer size = SIZES.get(type);
        if (picture == null || size == null) {
            return null;
        }
        return drawn.computeIfAbsent(imageId + "-" + type, k -> draw(catalogue.facts.get(picture.productId()), picture.index(), size));
    }

    private static byte[] draw(DemoCatalogue.Facts product, int index, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Color tint = Color.decode(product.colour() == null ? "#9CAF88" : product.colour());
            g.setColor(index == 0 ? new Color(0xF7F3EC) : tint);
            g.fillRect(0, 0, size, size);
            g.setColor(index == 0 ? tint : tint.darker());
            g.setStroke(new BasicStroke(Math.max(1, size / 60f)));
            for (int x = -size; x < size; x += Math.max(6, size / 12)) {
                g.drawLine(x, size, x + size, 0);   // the weave of the shop's canut heritage
            }
            g.setColor(index == 0 ? tint.darker() : new Color(0xF7F3EC));
            g.fillOval(size / 5, size / 5, size * 3 / 5, size * 3 / 5);
            g.setColor(index == 0 ? Color.WHITE : tint.darker().darker());
            g.setFont(new Font(Font.SERIF, Font.BOLD, size / 5));
            String initials = initials(product.name());
            int width = g.getFontMetrics().stringWidth(initials);
            g.drawString(initials, (size - width) / 2, size / 2 + size / 14);
            if (size >= 250) {
                g.setColor(new Color(0x333333));
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size / 28));
                String label = product.name().length() > 40 ? product.name().substring(0, 39) + "…" : product.name();
                g.drawString(label, size / 20, size - size / 20);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String initials(String name) {
        StringBuilder initials = new StringBuilder();
        for (String word : name.replaceAll("[«»,]", " ").trim().split("\\s+")) {
            if (word.length() > 2 && Character.isLetter(word.charAt(0)) && initials.length() < 2) {
                initials.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        return initials.toString();
    }
}
