package io.loupe.ingest.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.EventRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The bulk parser fed arbitrary bytes never throws anything but a request-level {@link LoupeException},
 * and fed a mix of good and broken action/document pairs answers one item per action, in order, with
 * exactly the good documents stored.
 */
class BulkRequestParserPropertiesTest {
    private static final BulkRequestParser PARSER = new BulkRequestParser(IngestConfig.defaults(), ElasticConfig.defaults().indexKinds());
    private static final TimeRange ANY_TIME = new TimeRange(0, Long.MAX_VALUE);

    private static EventRules rules() {
        return new EventRules(1L, ANY_TIME, 1000, LogKind.APPLICATION);
    }

    @Property(tries = 400)
    void garbageNeverThrowsAnythingButARequestError(@ForAll @Size(max = 600) byte[] body) {
        try {
            BulkOutcome outcome = PARSER.parse(body, null, rules());
            assertTrue(outcome.accepted().size() <= outcome.items().size(), outcome::toString);
        } catch (LoupeException requestLevel) {
            assertTrue(requestLevel.getMessage() != null && !requestLevel.getMessage().isBlank());
        }
    }

    @Property(tries = 300)
    void anyDocumentAfterAValidActionLineIsOneItem(@ForAll @Size(max = 200) String document) {
        String oneLine = document.replace('\n', ' ').replace('\r', ' ');
        Assume.that(!oneLine.isBlank());
        String body = "{\"create\":{\"_index\":\"fuzz\"}}\n" + oneLine + "\n";
        BulkOutcome outcome = PARSER.parse(body.getBytes(StandardCharsets.UTF_8), null, rules());
        assertEquals(1, outcome.items().size(), outcome::toString);
        assertEquals(outcome.items().getFirst().failed() ? 0 : 1, outcome.accepted().size(), outcome::toString);
    }

    @Property(tries = 200)
    void everyActionGetsOneItemInOrderAndOnlyGoodDocumentsAreStored(@ForAll("pairs") List<Boolean> good) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < good.size(); i++) {
            body.append("{\"create\":{\"_index\":\"fuzz\",\"_id\":\"d").append(i).append("\"}}\n");
            body.append(good.get(i) ? "{\"message\":\"m" + i + "\",\"log.level\":\"warn\"}" : "{\"message\": m" + i).append('\n');
        }
        BulkOutcome outcome = PARSER.parse(body.toString().getBytes(StandardCharsets.UTF_8), null, rules());
        assertEquals(good.size(), outcome.items().size());
        long goodCount = good.stream().filter(g -> g).count();
        assertEquals(goodCount, outcome.accepted().size());
        for (int i = 0; i < good.size(); i++) {
            BulkItem item = outcome.items().get(i);
            assertEquals("d" + i, item.id());
            assertEquals(good.get(i) ? 201 : 400, item.status(), item::toString);
        }
    }

    @Provide
    Arbitrary<List<Boolean>> pairs() {
        return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(40);
    }
}
