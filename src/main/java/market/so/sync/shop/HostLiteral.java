package market.so.sync.shop;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A host that is an address rather than a name, read the way the WHATWG URL standard (browsers, curl's
 * URL API, most link parsers) reads it. Java reads the same text differently: {@code 0177.0.0.1} is
 * 127.0.0.1 to a browser and 177.0.0.1 to {@link InetAddress}, {@code 0x7f.1} and {@code 127.0.0.1.}
 * are no host at all to {@link java.net.URI}. So the address guard and {@link ShopUrl} never hand such
 * a text to Java: they read it here, check the address it means, and from then on use that address in
 * its one canonical spelling (dotted decimal, or compressed IPv6).
 *
 * <p>The rules (URL standard, "host parsing"): a host whose last label (one trailing dot ignored) is
 * all digits or a {@code 0x} number is an IPv4 address, and must parse as one: up to four parts, each
 * decimal, {@code 0x} hex or {@code 0}-prefixed octal, the last part filling the bytes left
 * ({@code 127.1} = 127.0.0.1, {@code 2130706433} = 127.0.0.1); otherwise it is invalid, not a name.
 * A host with a colon (bracketed or not) is an IPv6 address; zone ids ({@code %eth0}) are refused.
 */
public final class HostLiteral {

    private static final BigInteger LIMIT = BigInteger.valueOf(256);

    private HostLiteral() {
    }

    /** The address the host is, or null when it is a name (to be resolved by DNS). */
    public static InetAddress parse(String host) throws InvalidHost {
        String text = host.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.contains(":")) {
            return ipv6(host, text);
        }
        if (!endsInANumber(text)) {
            return null;
        }
        return ipv4(host, text);
    }

    /** The host as the URL standard serialises it: an address in its canonical spelling, a name unchanged. */
    public static String canonical(String host) throws InvalidHost {
        InetAddress address = parse(host);
        if (address == null) {
            return host;
        }
        return address instanceof Inet4Address ? address.getHostAddress() : "[" + compressed(address.getAddress()) + "]";
    }

    private static InetAddress ipv6(String host, String text) throws InvalidHost {
        if (text.contains("%") || !text.matches("[0-9a-f:.]+")) {
            throw new InvalidHost(host, "is not a valid IPv6 address");
        }
        try {
            // a text with a colon is never looked up in DNS: Java parses it as a literal or refuses it
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new InvalidHost(host, "is not a valid IPv6 address");
        }
    }

    static boolean endsInANumber(String text) {
        List<String> parts = parts(text);
        if (parts.isEmpty()) {
            return false;
        }
        String last = parts.get(parts.size() - 1);
        return !last.isEmpty() && (last.chars().allMatch(c -> c >= '0' && c <= '9') || number(last) != null);
    }

    private static InetAddress ipv4(String host, String text) throws InvalidHost {
        List<String> parts = parts(text);
        if (parts.size() > 4) {
            throw new InvalidHost(host, "has more than four numeric parts");
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (String part : parts) {
            BigInteger n = number(part);
            if (n == null) {
                throw new InvalidHost(host, "is not a valid IPv4 address");
            }
            numbers.add(n);
        }
        for (int i = 0; i < numbers.size() - 1; i++) {
            if (numbers.get(i).compareTo(LIMIT) >= 0) {
                throw new InvalidHost(host, "is not a valid IPv4 address");
            }
        }
        BigInteger last = numbers.get(numbers.size() - 1);
        if (last.compareTo(LIMIT.pow(5 - numbers.size())) >= 0) {
            throw new InvalidHost(host, "is not a valid IPv4 address");
        }
        long value = last.longValue();
        for (int i = 0; i < numbers.size() - 1; i++) {
            value += numbers.get(i).longValue() << (8 * (3 - i));
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** The labels; one trailing dot dropped, as the standard does. */
    private static List<String> parts(String text) {
        List<String> parts = new ArrayList<>(List.of(text.split("\\.", -1)));
        if (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    /** One part: decimal, 0x hex or 0-prefixed octal; null when it is none of them. */
    private static BigInteger number(String part) {
        if (part.isEmpty() || part.length() > 64) {
            return null;
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return BigInteger.ZERO;
        }
        for (char c : digits.toCharArray()) {
            if (Character.digit(c, radix) < 0) {
                return null;
            }
        }
        return new BigInteger(digits, radix);
    }

    /** RFC 5952: lower case, leading zeros dropped, the longest run of two or more zero groups as "::". */
    private static String compressed(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** The host looks like an address (the URL standard says so) but is not a valid one. */
    public static class InvalidHost extends UnknownHostException {
        public InvalidHost(String host, String problem) {
            super("the host " + host + " " + problem);
        }
    }
}
