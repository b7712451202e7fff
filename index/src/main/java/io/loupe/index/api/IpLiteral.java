package io.loupe.index.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Strict parsing of IP address literals, never a name lookup: {@link InetAddress#getByName} would
 * resolve {@code "db-1"} through DNS, this only reads the text.
 *
 * <ul>
 *   <li>IPv4: four dot-separated decimal numbers 0–255 of 1–3 digits, no leading zero
 *       ({@code 010.0.0.1} is refused: some tools read it as octal).</li>
 *   <li>IPv6 (RFC 4291 §2.2): up to eight groups of 1–4 hex digits, one {@code ::} standing for one
 *       or more zero groups, optionally ending with a dotted IPv4 address ({@code ::ffff:10.0.0.1});
 *       any case. A zone ({@code fe80::1%eth0}) and brackets are refused.</li>
 * </ul>
 * Thread-safe (stateless).
 */
public final class IpLiteral {
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;

    private IpLiteral() {
    }

    /**
     * The address the text spells, or null when it is not an IPv4 or IPv6 literal. An IPv4-mapped
     * IPv6 literal ({@code ::ffff:10.0.0.1}) answers the IPv4 address, as {@link InetAddress} does.
     */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        byte[] bytes = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text, 0, text.length());
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** The four bytes of a dotted IPv4 address in {@code text[start, end)}, or null. */
    private static byte[] ipv4(String text, int start, int end) {
        byte[] bytes = new byte[IPV4_BYTES];
        int part = 0;
        int position = start;
        while (part < IPV4_BYTES) {
            int digitsEnd = position;
            while (digitsEnd < end && digitsEnd - position < 4 && isDigit(text.charAt(digitsEnd))) {
                digitsEnd++;
            }
            int digits = digitsEnd - position;
            if (digits == 0 || digits > 3 || (digits > 1 && text.charAt(position) == '0')) {
                return null;
            }
            int value = Integer.parseInt(text, position, digitsEnd, 10);
            if (value > 255) {
                return null;
            }
            bytes[part++] = (byte) value;
            position = digitsEnd;
            if (part < IPV4_BYTES) {
                if (position >= end || text.charAt(position) != '.') {
                    return null;
                }
                position++;
            }
        }
        return position == end ? bytes : null;
    }

    private static byte[] ipv6(String text) {
        int compressed = text.indexOf("::");
        if (compressed >= 0 && text.indexOf("::", compressed + 1) >= 0) {
            return null; // "::" at most once
        }
        String head = compressed < 0 ? text : text.substring(0, compressed);
        String tail = compressed < 0 ? "" : text.substring(compressed + 2);
        byte[] headBytes = groups(head, compressed < 0);
        byte[] tailBytes = groups(tail, true);
        if (headBytes == null || tailBytes == null) {
            return null;
        }
        int given = headBytes.length + tailBytes.length;
        if (compressed < 0 ? given != IPV6_BYTES : given > IPV6_BYTES - 2) {
            return null; // without "::" all eight groups; with it, it stands for at least one zero group
        }
        byte[] bytes = new byte[IPV6_BYTES];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, bytes, IPV6_BYTES - tailBytes.length, tailBytes.length);
        return bytes;
    }

    /**
     * The bytes of colon-separated hex groups ({@code ""} is none); when {@code mayEndWithIpv4}, the
     * last group may be a dotted IPv4 address (four bytes). Null when malformed.
     */
    private static byte[] groups(String part, boolean mayEndWithIpv4) {
        if (part.isEmpty()) {
            return new byte[0];
        }
        String[] groups = part.split(":", -1);
        byte[] bytes = new byte[groups.length * 2 + 2];
        int length = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && mayEndWithIpv4 && group.indexOf('.') >= 0) {
                byte[] ipv4 = ipv4(group, 0, group.length());
                if (ipv4 == null) {
                    return null;
                }
                System.arraycopy(ipv4, 0, bytes, length, IPV4_BYTES);
                length += IPV4_BYTES;
                continue;
            }
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            int value = 0;
            for (int c = 0; c < group.length(); c++) {
                int digit = Character.digit(group.charAt(c), 16);
                if (digit < 0 || group.charAt(c) > 'f') {
                    return null; // not a hex digit (Character.digit also takes fullwidth digits)
                }
                value = value << 4 | digit;
            }
            bytes[length++] = (byte) (value >>> 8);
            bytes[length++] = (byte) value;
        }
        if (length > IPV6_BYTES) {
            return null;
        }
        return Arrays.copyOf(bytes, length);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
