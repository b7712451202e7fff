package io.loupe.ingest.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogKind;
import org.junit.jupiter.api.Test;

class IndexKindsTest {

    @Test
    void theFirstMatchingGlobWinsCaseInsensitively() {
        IndexKinds kinds = IndexKinds.parse("web-*=system, *AUDIT*=audit ,*=application");
        assertEquals(LogKind.SYSTEM, kinds.kindOf("web-audit"));
        assertEquals(LogKind.AUDIT, kinds.kindOf("logs-audit-1"));
        assertEquals(LogKind.APPLICATION, kinds.kindOf("filebeat-8"));
        assertEquals(LogKind.APPLICATION, IndexKinds.parse("").kindOf("x"));
        assertEquals(LogKind.AUDIT, IndexKinds.parse("a.b*=audit").kindOf("a.b.c"));
        assertEquals(LogKind.APPLICATION, IndexKinds.parse("a.b*=audit").kindOf("axb"));
    }

    @Test
    void aPairThatIsNotGlobEqualsKindIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IndexKinds.parse("x=system,web=metrics"));
        assertTrue(e.getMessage().contains("'web=metrics'"), e.getMessage());
    }
}
