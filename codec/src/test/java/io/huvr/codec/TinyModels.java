package io.huvr.codec;

import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.HuvrModel;
import io.huvr.codec.model.ModelExporter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/** Small untrained models for tests that exercise the machinery, not the quality. */
public final class TinyModels {
    /** Patch 4, tile 16: every size and shape rule of the family, at a tiny cost. */
    public static final HuvrConfig TINY = new HuvrConfig(4, 16, 32, 1, 2, 64, 4, 32, 1, 64, 2, 16, 16, 2);

    private TinyModels() {
    }

    /** The model file of a freshly initialised tiny model with three operating points. */
    public static byte[] file(long seed) throws IOException {
        return ModelExporter.export(HuvrGraph.training(TINY, seed).sd(), TINY, "tiny-" + seed, 100,
                List.of(new ModelExporter.Point(2, 0), new ModelExporter.Point(1, 0), new ModelExporter.Point(0.5, 0)));
    }

    public static HuvrModel load(long seed) throws IOException {
        return HuvrModel.read(new ByteArrayInputStream(file(seed)));
    }
}
