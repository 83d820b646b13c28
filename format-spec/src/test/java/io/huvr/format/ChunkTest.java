package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkTest {

    @Test
    void fourccPacksTheBytesInFileOrder() {
        assertEquals(0x54494C45, Chunk.TILE);
        assertEquals(0x584D5020, Chunk.XMP);
        assertEquals("ALPH", Chunk.alpha(new byte[0]).typeName());
        assertEquals("XMP ", new Chunk(Chunk.XMP, new byte[0]).typeName());
    }

    @Test
    void typeNameOfUnprintableFourccIsHex() {
        assertEquals("0x41420043", new Chunk(0x41420043, new byte[0]).typeName());
    }

    @Test
    void fourccRejectsNamesThatAreNotFourPrintableAsciiCharacters() {
        assertThrows(IllegalArgumentException.class, () -> Chunk.fourcc("TIL"));
        assertThrows(IllegalArgumentException.class, () -> Chunk.fourcc("TILES"));
        assertThrows(IllegalArgumentException.class, () -> Chunk.fourcc("TIL\u00c9"));
        assertThrows(IllegalArgumentException.class, () -> Chunk.fourcc("TIL\n"));
    }

    @Test
    void criticalityFollowsTheFirstLetter() {
        assertTrue(Chunk.tile(new byte[0]).isCritical());
        assertTrue(new Chunk(Chunk.fourcc("Zzzz"), new byte[0]).isCritical());
        assertFalse(new Chunk(Chunk.fourcc("zZZZ"), new byte[0]).isCritical());
    }

    @Test
    void wellFormedTypesStartWithALetter() {
        assertTrue(Chunk.isWellFormed(Chunk.XMP));
        assertTrue(Chunk.isWellFormed(Chunk.fourcc("a~ !")));
        assertFalse(Chunk.isWellFormed(Chunk.fourcc(" abc")));
        assertFalse(Chunk.isWellFormed(Chunk.fourcc("9abc")));
        assertFalse(Chunk.isWellFormed(0x41424380));
    }

    @Test
    void chunksCompareByContent() {
        assertEquals(Chunk.tile(new byte[] {1, 2}), Chunk.tile(new byte[] {1, 2}));
        assertEquals(Chunk.tile(new byte[] {1, 2}).hashCode(), Chunk.tile(new byte[] {1, 2}).hashCode());
        assertNotEquals(Chunk.tile(new byte[] {1, 2}), Chunk.alpha(new byte[] {1, 2}));
        assertEquals("TILE(2 bytes)", Chunk.tile(new byte[] {1, 2}).toString());
    }

    @Test
    void crc32cMatchesTheSpecCheckValue() {
        assertEquals(0xE3069283, Checksums.crc32c("123456789".getBytes(StandardCharsets.US_ASCII)));
    }
}
