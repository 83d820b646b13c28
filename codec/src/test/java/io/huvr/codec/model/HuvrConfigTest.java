package io.huvr.codec.model;

import io.huvr.format.proto.ModelHeader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuvrConfigTest {
    private static ModelHeader header(HuvrConfig config) {
        return ModelHeader.newBuilder().setArchitecture(HuvrConfig.ARCHITECTURE).putAllIntParams(config.toParams()).build();
    }

    @Test
    void hyperParametersRoundTripThroughTheModelHeader() {
        for (HuvrConfig config : new HuvrConfig[] {HuvrConfig.small(), HuvrConfig.reference()}) {
            assertEquals(config, HuvrConfig.fromHeader(header(config)));
        }
    }

    @Test
    void theHeadRefinementIsOptionalInTheHeader() {
        HuvrConfig plain = HuvrConfig.reference();
        assertEquals(0, plain.headRefineWidth());
        assertFalse(plain.toParams().containsKey("head_refine_width"), "a model without it keeps its old header");
        assertEquals(64, HuvrConfig.small().headRefineWidth());
        ModelHeader zero = header(plain).toBuilder().putIntParams("head_refine_width", 0).build();
        assertEquals(plain, HuvrConfig.fromHeader(zero));
        ModelHeader negative = header(plain).toBuilder().putIntParams("head_refine_width", -1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HuvrConfig.fromHeader(negative));
        assertTrue(e.getMessage().contains("head_refine_width"), e.getMessage());
    }

    @Test
    void referenceSizeIsThePublishedOne() {
        HuvrConfig ref = HuvrConfig.reference();
        assertEquals(16, ref.patchSize());
        assertEquals(768, ref.encoderWidth());
        assertEquals(12, ref.encoderDepth());
        assertEquals(32, ref.tokenDim());
        assertEquals(1024, ref.decoderWidth());
        assertEquals(4 * ref.fourierFrequencies(), 128);
        assertEquals(256, ref.inrWidth());
        assertEquals(4, ref.gridPerPatch());
    }

    @Test
    void missingOrWrongParametersAreNamed() {
        ModelHeader missing = header(HuvrConfig.small()).toBuilder().removeIntParams("token_dim").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HuvrConfig.fromHeader(missing));
        assertTrue(e.getMessage().contains("token_dim"), e.getMessage());

        ModelHeader odd = header(HuvrConfig.small()).toBuilder().putIntParams("patch_size", 6).build();
        assertThrows(IllegalArgumentException.class, () -> HuvrConfig.fromHeader(odd));

        ModelHeader other = header(HuvrConfig.small()).toBuilder().setArchitecture("something-else").build();
        assertThrows(IllegalArgumentException.class, () -> HuvrConfig.fromHeader(other));
    }
}
