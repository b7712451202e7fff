package io.loupe.index.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IpLiteral}: every spelling of an address reads back as it, and anything else is refused without a lookup. */
class IpLiteralTest {

    @Test
    void readsIpv4AndIpv6InTheirUsualSpellings() {
        assertEquals("10.1.2.3", IpLiteral.parse("10.1.2.3").getHostAddress());
        assertEquals("0.0.0.0", IpLiteral.parse("0.0.0.0").getHostAddress());
        assertEquals("255.255.255.255", IpLiteral.parse("255.255.255.255").getHostAddress());
        assertBytes("20010db8000000000000000000000001", "2001:db8::1");
        assertBytes("20010db8000000000000000000000001", "2001:DB8:0:0:0:0:0:1");
        assertBytes("00000000000000000000000000000000", "::");
        assertBytes("00000000000000000000000000000001", "::1");
        assertBytes("fe800000000000000000000000000000", "fe80::");
        assertBytes("00010002000300040005000600070000", "1:2:3:4:5:6:7::");
        assertBytes("00000002000300040005000600070008", "::2:3:4:5:6:7:8");
        assertBytes("0064ff9b000000000000000001020304", "64:ff9b::1.2.3.4");
        assertInstanceOf(Inet6Address.class, IpLiteral.parse("2001:db8::1"));
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4Address() {
        InetAddress mapped = IpLiteral.parse("::ffff:10.0.0.1");
        assertInstanceOf(Inet4Address.class, mapped);
        assertEquals(IpLiteral.parse("10.0.0.1"), mapped);
        assertEquals(IpLiteral.parse("10.0.0.1"), IpLiteral.parse("::FFFF:a00:1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10.0.0", "10.0.0.0.1", "10.0.0.256", "10.0.0.-1", "010.0.0.1", "10.0.0.01", "1.2.3.4 ",
            " 1.2.3.4", "1..2.3", "1.2.3.", ".1.2.3", "1.2.3.4/8", "1.2.3.4:80", "0x1.2.3.4", "1234.1.1.1", "localhost",
            "db-1.internal", "unknown", "-", ":", ":::", "1:::2", "1::2::3", ":1::2", "1::2:", "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::1", "g::1", "fe80::1%eth0", "[::1]",
            "::1.2.3", "::1.2.3.4.5", "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4", "::ffff:010.0.0.1", "\uff11.2.3.4", "\uff11::1",
            "2001:db8::/32", "1.2.3.4\n"})
    void refusesWhatIsNotALiteral(String text) {
        assertNull(IpLiteral.parse(text), () -> "'" + text + "' is not an IP literal");
    }

    @Test
    void refusesNull() {
        assertNull(IpLiteral.parse(null));
    }

    @Property(tries = 500)
    void everyIpv4AddressReadsBackFromItsDottedForm(@ForAll("ipv4") byte[] bytes) throws Exception {
        InetAddress expected = InetAddress.getByAddress(bytes);
        assertEquals(expected, IpLiteral.parse(expected.getHostAddress()));
    }

    @Property(tries = 1000)
    void everyIpv6AddressReadsBackFromItsFullAndCompressedForms(@ForAll("ipv6") byte[] bytes) throws Exception {
        InetAddress expected = InetAddress.getByAddress(bytes);
        String full = expected.getHostAddress(); // eight groups, no "::"
        assertEquals(expected, IpLiteral.parse(full), full);
        assertEquals(expected, IpLiteral.parse(full.toUpperCase(Locale.ROOT)), full);
        String compressed = compressed(bytes);
        assertEquals(expected, IpLiteral.parse(compressed), compressed);
    }

    @Property(tries = 1000)
    void garbageIsRefusedOrReadWithoutFailing(@ForAll("garbage") String text) {
        InetAddress address = IpLiteral.parse(text);
        if (address != null) {
            assertNotNull(address.getAddress());
        }
    }

    @Provide
    Arbitrary<byte[]> ipv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4);
    }

    @Provide
    Arbitrary<byte[]> ipv6() {
        // zero groups are frequent, so "::" lands in every position
        Arbitrary<Byte> oftenZero = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just((byte) 0)), Tuple.of(2, Arbitraries.bytes()));
        return oftenZero.array(byte[].class).ofSize(16);
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF:.%/[] -x").ofMaxLength(48);
    }

    /** RFC 5952 text: the longest run of two or more zero groups as "::", lowercase. */
    private static String compressed(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static void assertBytes(String hex, String text) {
        InetAddress address = IpLiteral.parse(text);
        assertNotNull(address, text);
        byte[] bytes = address.getAddress();
        byte[] expected = HexFormat.of().parseHex(hex);
        if (bytes.length == 4) {
            assertArrayEquals(Arrays.copyOfRange(expected, 12, 16), bytes, text);
        } else {
            assertArrayEquals(expected, bytes, text);
        }
    }
}
