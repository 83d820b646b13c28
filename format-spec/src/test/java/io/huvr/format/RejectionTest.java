package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huvr.format.CraftedFiles.Crafted;
import io.huvr.format.HuvrFormatException.Reason;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RejectionTest {

    static List<Crafted> crafted() {
        return CraftedFiles.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crafted")
    void craftedFileIsRejectedWithItsReason(Crafted crafted) {
        HuvrFormatException thrown = assertThrows(HuvrFormatException.class, crafted::read);
        assertEquals(crafted.reason(), thrown.reason(), thrown.getMessage());
        assertTrue(thrown.getMessage().startsWith(crafted.reason().name() + ": "), thrown.getMessage());
        assertFalse(thrown.getMessage().contains("\n"), "messages are one line");
    }

    @Test
    void everyReasonHasACraftedFile() {
        Set<Reason> untested = EnumSet.allOf(Reason.class);
        crafted().forEach(crafted -> untested.remove(crafted.reason()));
        assertEquals(Set.of(), untested);
    }
}
