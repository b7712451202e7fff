package io.loupe.search.correlate;

import io.loupe.search.metric.HostSignal;

/**
 * A moment where a host's log rate and one of its host signals moved together, as
 * {@link FindingDetector} finds it.
 *
 * @param host              the host
 * @param signal            the host signal that moved
 * @param series            which log series spiked: the errors among the hits, or all hits
 * @param bucketMillis      start of the bucket where the log series peaked (epoch ms)
 * @param episodeFromMillis start of the first bucket of the spike (consecutive spiking buckets form one spike)
 * @param episodeToMillis   end of the last bucket of the spike, exclusive
 * @param logCount          the log count at the peak
 * @param logBaseline       the median log count per bucket over the window
 * @param signalMillis      start of the bucket where the signal moved (the peak or one bucket beside it)
 * @param signalValue       the signal's value there
 * @param signalBaseline    the signal's median over the window
 * @param correlation       Pearson's r between the log series and the signal over the window
 * @param score             how strongly they move together, |r|; findings are sorted by it
 * @param summary           the finding as one plain sentence
 */
public record Finding(String host, HostSignal signal, Series series, long bucketMillis, long episodeFromMillis,
                      long episodeToMillis, long logCount, double logBaseline, long signalMillis, double signalValue,
                      double signalBaseline, double correlation, double score, String summary) {

    /** The log series a finding is about. */
    public enum Series {
        /** The hits of level error or fatal. */
        ERRORS("errors", "error rate"),
        /** All hits of the query. */
        HITS("hits", "log rate");

        private final String wireName;
        private final String description;

        Series(String wireName, String description) {
            this.wireName = wireName;
            this.description = description;
        }

        public String wireName() {
            return wireName;
        }

        String description() {
            return description;
        }
    }

    /** This finding with its sentence. */
    Finding withSummary(String sentence) {
        return new Finding(host, signal, series, bucketMillis, episodeFromMillis, episodeToMillis, logCount, logBaseline,
                signalMillis, signalValue, signalBaseline, correlation, score, sentence);
    }

    /** How many times the baseline the peak count is, or NaN when the baseline is below one event per bucket. */
    public double rise() {
        return logBaseline >= 1 ? logCount / logBaseline : Double.NaN;
    }
}
