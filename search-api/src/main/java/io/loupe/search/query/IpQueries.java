package io.loupe.search.query;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Queries on an IP field ({@link IndexedFields#IP_FIELDS}, {@code source_ip}) by one address or a
 * CIDR block, over the address points ({@link IndexedFields#ipPoint}), so every spelling of an
 * address matches ({@code 2001:DB8::1} and {@code 2001:db8:0:0:0:0:0:1}, {@code ::ffff:10.0.0.1}
 * and {@code 10.0.0.1}). A block's host bits are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
 * Thread-safe (stateless).
 */
public final class IpQueries {
    private static final String EXPECTED = "expected an IP address (10.1.2.3, 2001:db8::1) or a CIDR block (10.0.0.0/8, 2001:db8::/32)";

    private IpQueries() {
    }

    /** True when the text is an IP literal or a literal followed by {@code /}: what {@link #addressOrBlock} is for. */
    public static boolean looksLikeAddressOrBlock(String text) {
        int slash = text.indexOf('/');
        return IpLiteral.parse(slash < 0 ? text : text.substring(0, slash)) != null;
    }

    /**
     * The events whose {@code field} is the address, or lies in the block.
     *
     * @throws IllegalArgumentException naming the value and what is expected, for anything else
     */
    public static Query addressOrBlock(String field, String text) {
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = IpLiteral.parse(literal);
        if (address == null) {
            throw new IllegalArgumentException(field + " '" + text + "' is not an IP address or CIDR block: " + EXPECTED
                    + "; other values match exactly in q, as " + field + ":\"" + text + "\"");
        }
        String point = IndexedFields.ipPoint(field);
        if (slash < 0) {
            // the keyword too: events indexed before address points existed have only it
            return new BooleanQuery.Builder()
                    .add(InetAddressPoint.newExactQuery(point, address), BooleanClause.Occur.SHOULD)
                    .add(new TermQuery(new Term(field, text)), BooleanClause.Occur.SHOULD)
                    .build();
        }
        boolean ipv6Text = literal.indexOf(':') >= 0;
        int maxBits = ipv6Text ? 128 : 32;
        String bitsText = text.substring(slash + 1);
        int bits = prefixLength(bitsText, maxBits);
        if (bits < 0) {
            throw new IllegalArgumentException(field + " '" + text + "' is not an IP address or CIDR block: the prefix length of an "
                    + (ipv6Text ? "IPv6" : "IPv4") + " block is a whole number from 0 to " + maxBits + "; " + EXPECTED);
        }
        if (address instanceof Inet4Address && ipv6Text) {
            // ::ffff:10.0.0.0/104 is 10.0.0.0/8; a shorter prefix would reach beyond IPv4-mapped addresses
            if (bits < 96) {
                throw new IllegalArgumentException(field + " '" + text + "' is not a CIDR block Loupe can search: an IPv4-mapped block"
                        + " needs a prefix of 96 to 128 bits; write it as IPv4 (10.0.0.0/8)");
            }
            bits -= 96;
        }
        return InetAddressPoint.newPrefixQuery(point, address, bits);
    }

    /** The prefix length, or -1 when it is not 1 to 3 decimal digits up to {@code maxBits}. */
    private static int prefixLength(String text, int maxBits) {
        if (text.isEmpty() || text.length() > 3 || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        int bits = Integer.parseInt(text);
        return bits <= maxBits ? bits : -1;
    }
}
