package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SearchAnswerCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hitsMustBeAsManyAsTheTotalAllowsUpToTheLimit() throws Exception {
        assertEquals(new AnswerCheck.Outcome(250, 2, 3),
                SearchAnswerCheck.hits(2).check(JSON.readTree("{\"total\":250,\"hits\":[{},{}],\"took_ms\":3}")));
        assertEquals(1, SearchAnswerCheck.hits(100).check(JSON.readTree("{\"total\":1,\"hits\":[{}]}")).items());
        assertThrows(IllegalStateException.class, () -> SearchAnswerCheck.hits(100).check(JSON.readTree("{\"total\":250,\"hits\":[{}]}")));
        assertThrows(IllegalStateException.class, () -> SearchAnswerCheck.hits(100).check(JSON.readTree("{\"hits\":[]}")));
    }

    @Test
    void aHistogramMustCountEveryEvent() throws Exception {
        String answer = "{\"total\":5,\"hits\":[],\"histogram\":[{\"t\":\"a\",\"count\":2},{\"t\":\"b\",\"count\":3}]}";
        assertEquals(5, SearchAnswerCheck.histogramOf(5).check(JSON.readTree(answer)).matched());
        assertThrows(IllegalStateException.class, () -> SearchAnswerCheck.histogramOf(6).check(JSON.readTree(answer)));
    }
}
