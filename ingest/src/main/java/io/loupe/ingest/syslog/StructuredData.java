package io.loupe.ingest.syslog;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 5424 STRUCTURED-DATA: {@code -} or one or more {@code [SD-ID SP PARAM="value" ...]}, values
 * with the escapes {@code \"}, {@code \\} and {@code \]} (a backslash before anything else is kept).
 * Not thread-safe; one per message.
 */
final class StructuredData {
    /** One SD-PARAM of an SD-ELEMENT. */
    record Param(String sdId, String name, String value) {
    }

    /** The params read, and where the message starts after the structured data. */
    record Parsed(List<Param> params, int end) {
    }

    /** Thrown with a short reason when the structured data is malformed. */
    static final class MalformedException extends Exception {
        MalformedException(String reason) {
            super(reason, null, false, false);
        }
    }

    private StructuredData() {
    }

    /** Parses from {@code start} of {@code text}, which is at {@code -} or {@code [}. */
    static Parsed parse(String text, int start) throws MalformedException {
        if (start >= text.length()) {
            throw new MalformedException("structured data missing");
        }
        if (text.charAt(start) == '-') {
            return new Parsed(List.of(), start + 1);
        }
        List<Param> params = new ArrayList<>();
        int i = start;
        while (i < text.length() && text.charAt(i) == '[') {
            int idEnd = nameEnd(text, i + 1);
            if (idEnd == i + 1) {
                throw new MalformedException("SD-ID missing after '['");
            }
            String sdId = text.substring(i + 1, idEnd);
            i = idEnd;
            while (i < text.length() && text.charAt(i) == ' ') {
                int nameStart = i + 1;
                int nameEnd = nameEnd(text, nameStart);
                if (nameEnd == nameStart || nameEnd + 1 >= text.length() || text.charAt(nameEnd) != '=' || text.charAt(nameEnd + 1) != '"') {
                    throw new MalformedException("SD-PARAM of [" + sdId + "] is not name=\"value\"");
                }
                StringBuilder value = new StringBuilder();
                int j = nameEnd + 2;
                while (true) {
                    if (j >= text.length()) {
                        throw new MalformedException("SD-PARAM value of [" + sdId + "] has no closing quote");
                    }
                    char c = text.charAt(j);
                    if (c == '\\' && j + 1 < text.length() && "\"\\]".indexOf(text.charAt(j + 1)) >= 0) {
                        value.append(text.charAt(j + 1));
                        j += 2;
                    } else if (c == '"') {
                        break;
                    } else {
                        value.append(c);
                        j++;
                    }
                }
                params.add(new Param(sdId, text.substring(nameStart, nameEnd), value.toString()));
                i = j + 1;
            }
            if (i >= text.length() || text.charAt(i) != ']') {
                throw new MalformedException("SD-ELEMENT [" + sdId + " is not closed by ']'");
            }
            i++;
        }
        return new Parsed(params, i);
    }

    /** End of an SD-NAME: printable US-ASCII except '=', space, ']' and '"'. */
    private static int nameEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c <= ' ' || c > '~' || c == '=' || c == ']' || c == '"') {
                break;
            }
            i++;
        }
        return i;
    }
}
