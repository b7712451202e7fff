package io.loupe.search.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricResolution;
import io.loupe.index.api.SeriesKey;
import io.loupe.search.http.MetricsResponseWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsResponseWriterTest {

    @Test
    void pointsAreTimeAndNumberAndNonFiniteValuesAreStrings() throws Exception {
        MetricQueryResult result = new MetricQueryResult(List.of(new MetricQueryResult.Series(Labels.of("__name__", "temp", "host", "a"),
                new long[] {1000, 2000, 3000, 4000}, new double[] {0.25, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})),
                MetricResolution.FIVE_MINUTES, 300_000, 1);
        String json = new String(MetricsResponseWriter.query(result, 7), StandardCharsets.UTF_8);
        assertEquals("{\"series\":[{\"labels\":{\"__name__\":\"temp\",\"host\":\"a\"},\"points\":[[1000,0.25],[2000,\"NaN\"],"
                + "[3000,\"+Inf\"],[4000,\"-Inf\"]]}],\"resolution\":\"5m\",\"step_ms\":300000,\"took_ms\":7}", json);
        new ObjectMapper().readTree(json);
    }

    @Test
    void seriesAndLabelAnswers() {
        String series = new String(MetricsResponseWriter.series(List.of(new SeriesKey("up", Labels.of("job", "node"))), 3), StandardCharsets.UTF_8);
        assertEquals("{\"series\":[{\"__name__\":\"up\",\"job\":\"node\"}],\"took_ms\":3}", series);
        assertEquals("{\"values\":[\"a\",\"b\"]}", new String(MetricsResponseWriter.strings("values", List.of("a", "b")), StandardCharsets.UTF_8));
    }
}
