package market.so.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits the real PrestaShop 8.1.2 of ../shared/tools/real-prestashop in its database (MariaDB on loopback,
 * the recipe's user), one of each kind that moves a product, and undoes them: the shop is shared, so
 * {@link #undo} puts back every value it saved, and the edits last one sync. Product ids are the demo
 * catalogue's (19 products). The tax edit is made on a tax of its own, given to product 12 only.
 */
final class RealShopEdits {

    private static final String IMAGES = "/var/www/ps/img/p/";
    private final List<String> undo = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    long tax;
    long image;

    static boolean available() {
        try {
            return new RealShopEdits().value("SELECT COUNT(*) FROM ps_product WHERE id_product <= 19").equals("19");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Before the baseline sync: product 12 on a tax of its own (same 20 %), product 7 with a dated 30 % off, 15 % off
     * combinations 10 (of product 2) and 28 (the default of product 16).
     */
    void prepare() {
        sql("INSERT INTO ps_tax (rate, active, deleted) VALUES (20, 1, 0)");
        tax = Long.parseLong(value("SELECT MAX(id_tax) FROM ps_tax"));
        sql("INSERT INTO ps_tax_rules_group (name, active, deleted, date_add, date_upd) VALUES ('somarket-it', 1, 0, NOW(), NOW())");
        long group = Long.parseLong(value("SELECT MAX(id_tax_rules_group) FROM ps_tax_rules_group"));
        sql("INSERT INTO ps_tax_rules_group_shop (id_tax_rules_group, id_shop) VALUES (" + group + ", 1)");
        sql("INSERT INTO ps_tax_rule (id_tax_rules_group, id_country, id_state, zipcode_from, zipcode_to, id_tax, behavior,"
            + " description) VALUES (" + group + ", 8, 0, '0', '0', " + tax + ", 0, '')");
        undo.add("DELETE FROM ps_tax_rule WHERE id_tax_rules_group = " + group);
        undo.add("DELETE FROM ps_tax_rules_group_shop WHERE id_tax_rules_group = " + group);
        undo.add("DELETE FROM ps_tax_rules_group WHERE id_tax_rules_group = " + group);
        undo.add("DELETE FROM ps_tax WHERE id_tax = " + tax);
        restoreRow("ps_product", "id_product = 12", "id_tax_rules_group", "date_upd");
        restoreRow("ps_product_shop", "id_product = 12", "id_tax_rules_group", "date_upd");
        sql("UPDATE ps_product SET id_tax_rules_group = " + group + " WHERE id_product = 12");
        sql("UPDATE ps_product_shop SET id_tax_rules_group = " + group + " WHERE id_product = 12");
        sql("INSERT INTO ps_specific_price (id_specific_price_rule, id_cart, id_product, id_shop, id_shop_group, id_currency,"
            + " id_country, id_group, id_customer, id_product_attribute, price, from_quantity, reduction, reduction_tax,"
            + " reduction_type, `from`, `to`) VALUES (0, 0, 7, 1, 0, 0, 0, 0, 0, 0, -1, 1, 0.3, 1, 'percentage',"
            + " '2000-01-01 00:00:00', NOW() + INTERVAL 1 DAY)");
        undo.add("DELETE FROM ps_specific_price WHERE id_product IN (4, 7) AND id_cart = 0 AND reduction IN (0.25, 0.3)");
        // 15 % off one combination only: a sibling (10 of product 2) and a default one (28 of 16), which the product's
        // own price does not carry (docs/decisions/0030): both must be asked, not taken from their product
        for (String productAndCombination : new String[] {"2, 1, 0, 0, 0, 0, 0, 10", "16, 1, 0, 0, 0, 0, 0, 28"}) {
            sql("INSERT INTO ps_specific_price (id_specific_price_rule, id_cart, id_product, id_shop, id_shop_group,"
                + " id_currency, id_country, id_group, id_customer, id_product_attribute, price, from_quantity, reduction,"
                + " reduction_tax, reduction_type, `from`, `to`) VALUES (0, 0, " + productAndCombination + ", -1, 1, 0.15,"
                + " 1, 'percentage', '0000-00-00 00:00:00', '0000-00-00 00:00:00')");
        }
        undo.add("DELETE FROM ps_specific_price WHERE id_product IN (2, 16) AND id_product_attribute IN (10, 28)"
            + " AND id_cart = 0 AND reduction = 0.15");
    }

    /** One edit of each kind, none of them undone until {@link #undo}. */
    void change() throws IOException {
        restoreRow("ps_product", "id_product = 3", "price", "date_upd");
        restoreRow("ps_product_shop", "id_product = 3", "price", "date_upd");
        sql("UPDATE ps_product SET price = 31, date_upd = NOW() + INTERVAL 3 HOUR WHERE id_product = 3");
        sql("UPDATE ps_product_shop SET price = 31, date_upd = NOW() + INTERVAL 3 HOUR WHERE id_product = 3");
        sql("INSERT INTO ps_specific_price (id_specific_price_rule, id_cart, id_product, id_shop, id_shop_group, id_currency,"
            + " id_country, id_group, id_customer, id_product_attribute, price, from_quantity, reduction, reduction_tax,"
            + " reduction_type, `from`, `to`) VALUES (0, 0, 4, 1, 0, 0, 0, 0, 0, 0, -1, 1, 0.25, 1, 'percentage',"
            + " '0000-00-00 00:00:00', '0000-00-00 00:00:00')");
        sql("UPDATE ps_specific_price SET `to` = NOW() - INTERVAL 2 HOUR WHERE id_product = 7 AND reduction = 0.3");
        sql("UPDATE ps_tax SET rate = 10 WHERE id_tax = " + tax);
        restoreRow("ps_product_attribute", "id_product_attribute = 22", "price");
        restoreRow("ps_product_attribute_shop", "id_product_attribute = 22", "price");
        sql("UPDATE ps_product_attribute SET price = price + 2 WHERE id_product_attribute = 22");
        sql("UPDATE ps_product_attribute_shop SET price = price + 2 WHERE id_product_attribute = 22");
        restoreRow("ps_stock_available", "id_product = 6 AND id_product_attribute = 0", "quantity");
        sql("UPDATE ps_stock_available SET quantity = quantity + 7 WHERE id_product = 6 AND id_product_attribute = 0");
        restoreRow("ps_product_lang", "id_product = 10 AND id_lang = 2", "name");
        restoreRow("ps_product", "id_product = 10", "date_upd");
        restoreRow("ps_product_shop", "id_product = 10", "date_upd");
        sql("UPDATE ps_product_lang SET name = CONCAT(name, ' (changed)') WHERE id_product = 10 AND id_lang = 2");
        sql("UPDATE ps_product SET date_upd = NOW() + INTERVAL 3 HOUR WHERE id_product = 10");
        sql("UPDATE ps_product_shop SET date_upd = NOW() + INTERVAL 3 HOUR WHERE id_product = 10");
        newPicture(8);
        // a deleted product, as the webservice sees it: gone from the shop (its row kept aside, put back after)
        sql("DROP TABLE IF EXISTS somarket_it_product_shop");
        sql("CREATE TABLE somarket_it_product_shop AS SELECT * FROM ps_product_shop WHERE id_product = 11");
        undo.add("DROP TABLE somarket_it_product_shop"); // undone last first: the row goes back, then the table
        undo.add("INSERT INTO ps_product_shop SELECT * FROM somarket_it_product_shop");
        sql("DELETE FROM ps_product_shop WHERE id_product = 11");
    }

    private void newPicture(long product) throws IOException {
        image = Long.parseLong(value("SELECT MAX(id_image) + 1 FROM ps_image"));
        sql("INSERT INTO ps_image (id_image, id_product, position, cover) VALUES (" + image + ", " + product + ", 99, NULL)");
        sql("INSERT INTO ps_image_shop (id_product, id_image, id_shop, cover) VALUES (" + product + ", " + image + ", 1, NULL)");
        sql("INSERT INTO ps_image_lang (id_image, id_lang, legend) VALUES (" + image + ", 1, ''), (" + image + ", 2, '')");
        undo.add("DELETE FROM ps_image_lang WHERE id_image = " + image);
        undo.add("DELETE FROM ps_image_shop WHERE id_image = " + image);
        undo.add("DELETE FROM ps_image WHERE id_image = " + image);
        Path from = Path.of(IMAGES, "1");
        Path to = Path.of(IMAGES, String.join("/", Long.toString(image).split("")));
        Files.createDirectories(to);
        try (var demo = Files.list(from)) {
            for (Path file : demo.filter(f -> f.getFileName().toString().matches("1(-[a-z_]+)?\\.jpg")).toList()) {
                Path link = to.resolve(file.getFileName().toString().replaceFirst("^1", Long.toString(image)));
                Files.deleteIfExists(link);
                Files.createLink(link, file);
                files.add(link);
            }
        }
    }

    /** Puts every saved value back, last edit first; one that fails does not stop the others. */
    void undo() throws IOException {
        IllegalStateException failed = null;
        for (int i = undo.size() - 1; i >= 0; i--) {
            try {
                sql(undo.get(i));
            } catch (IllegalStateException e) {
                failed = failed == null ? e : failed;
            }
        }
        undo.clear();
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
        files.clear();
        if (failed != null) {
            throw failed;
        }
    }

    /** Saves the columns of the rows, for {@link #undo}. */
    private void restoreRow(String table, String where, String... columns) {
        for (String column : columns) {
            String saved = value("SELECT QUOTE(`" + column + "`) FROM " + table + " WHERE " + where + " LIMIT 1");
            undo.add("UPDATE " + table + " SET `" + column + "` = " + saved + " WHERE " + where);
        }
    }

    String value(String query) {
        return sql(query).trim();
    }

    private String sql(String statement) {
        try {
            ProcessBuilder command = new ProcessBuilder("mysql", "-uprestashop", "prestashop", "-N", "-B", "-e", statement)
                .redirectErrorStream(true);
            command.environment().put("MYSQL_PWD", "prestashop");
            Process mysql = command.start();
            String out = new String(mysql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (mysql.waitFor() != 0) {
                throw new IllegalStateException(statement + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
