package io.loupe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.Setting;
import io.loupe.ops.config.LoupeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoupeConfigTest {

    @Test
    void defaultsServeOn7600WithDataInDotData() throws Exception {
        LoupeConfig config = LoupeConfig.load(null, Map.of(), Map.of());
        assertEquals(7600, config.server().port());
        assertEquals(Path.of("./data"), config.server().dataDir());
        assertEquals(30, config.logStore().retentionDays());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("loupe.yaml");
        Files.writeString(file, "http:\n  port: 9000\nlog:\n  retention_days: 7\ningest:\n  max_body_bytes: 4096\n");
        LoupeConfig config = LoupeConfig.load(file, Map.of("LOUPE_HTTP_PORT", "9100", "LOUPE_LOG_RETENTION_DAYS", "9"),
                Map.of("http.port", "9200"));
        assertEquals(9200, config.server().port());
        assertEquals(9, config.logStore().retentionDays());
        assertEquals(4096, config.ingest().maxBodyBytes());
    }

    @Test
    void mistakesNameTheSetting(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("loupe.yaml");
        Files.writeString(file, "http:\n  prot: 9000\n");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> LoupeConfig.load(file, Map.of(), Map.of()));
        assertTrue(unknown.getMessage().contains("http.prot"), unknown.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> LoupeConfig.load(null, Map.of("LOUPE_HTTP_PORT", "seventy"), Map.of()));
        assertTrue(bad.getMessage().contains("LOUPE_HTTP_PORT"), bad.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> LoupeConfig.load(null, Map.of(), Map.of("log.retention_days", "0")));
        assertTrue(range.getMessage().contains("log.retention_days"), range.getMessage());
    }

    @Test
    void referenceListsEverySettingOnceWithItsVariable() {
        String reference = LoupeConfig.reference();
        Set<String> keys = new HashSet<>();
        for (Setting setting : LoupeConfig.ALL_SETTINGS) {
            assertTrue(keys.add(setting.key()), "duplicate setting " + setting.key());
            assertTrue(reference.contains(setting.key() + " (" + setting.environmentVariable() + ") = " + setting.defaultValue()), setting.key());
        }
    }
}
