package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what an orchestrator or Ctrl-C sends) stops the packaged server gracefully, however soon it comes. */
class GracefulStopIT {

    @Test
    void sigtermAsSoonAsTheServerIsReadyStopsItGracefully(@TempDir Path dataDir) throws Exception {
        try (LoupeProcess loupe = LoupeProcess.start(dataDir, Map.of())) {
            int exit = loupe.stop();
            String output = loupe.output();
            assertTrue(output.contains("stopping: no new requests") && output.contains("stopped"),
                    () -> "a SIGTERM right after /readyz answered 200 (exit status " + exit + "):\n" + output);
        }
        try (LoupeProcess loupe = LoupeProcess.start(dataDir, Map.of())) {
            loupe.api().ingestAll(event("message", "stored before the stop"));
            int exit = loupe.stop();
            String output = loupe.output();
            assertTrue(output.contains("log store closed"), () -> "exit status " + exit + ":\n" + output);
        }
        try (LoupeProcess loupe = LoupeProcess.start(dataDir, Map.of())) {
            assertEquals(0, loupe.eventsReplayed(), () -> "a graceful stop commits everything:\n" + loupe.output());
            assertEquals(1, loupe.api().searchOk(LoupeApi.params("q", "\"stored before the stop\"")).path("total").asLong());
            loupe.stop();
        }
    }
}
