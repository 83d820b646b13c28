package io.huvr.codec.train;

import io.huvr.codec.TinyModels;
import io.huvr.codec.model.ContextTableFit;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.HuvrModel;
import io.huvr.codec.model.ModelExporter;
import io.huvr.format.ModelFile;
import io.huvr.format.ModelFileReader;
import io.huvr.format.ModelFileWriter;
import io.huvr.format.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    @TempDir
    Path dir;

    @Test
    void trainsCheckpointsResumesAndExportsALoadableModel() throws IOException {
        Path photos = TrainingPhotos.write(dir.resolve("photos"), 96, 80);
        Path checkpoint = dir.resolve("tiny.sd");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true);

        new Trainer(new Trainer.Options(TinyModels.TINY, photos, checkpoint, 4, 2, 1e-3, 100, 2, 1), out).run();
        assertTrue(Files.exists(checkpoint));
        Trainer resumed = new Trainer(new Trainer.Options(TinyModels.TINY, photos, checkpoint, 6, 2, 1e-3, 100, 2, 1), out);
        SameDiff trained = resumed.run();
        assertTrue(console.toString().contains("resumed from"), console.toString());
        List<String> log = Files.readAllLines(resumed.logFile());
        assertEquals(TrainingLog.HEADER, log.get(0));
        assertEquals(List.of("2", "4", "6"), log.subList(1, log.size()).stream().map(l -> l.split(",")[0]).toList());
        assertTrue(console.toString().contains("ETA"), "progress shows an ETA");

        CropSampler sampler = CropSampler.load(photos, TinyModels.TINY.tileSize(), out);
        byte[] model = ModelExporter.export(trained, TinyModels.TINY, "tiny-trained", 100,
                Trainer.operatingPoints(trained, TinyModels.TINY, sampler, new double[] {2, 1}, out));
        HuvrModel loaded = HuvrModel.read(new ByteArrayInputStream(model));
        assertEquals(2, loaded.operatingPoints().size());
        assertTrue(loaded.operatingPoints().get(0).getNominalBpp() < loaded.operatingPoints().get(1).getNominalBpp(),
                "a coarser step spends fewer bits");
        assertFalse(loaded.codesInContext());

        byte[] withContext = ContextTableFit.addTo(model, 2, b -> sampler.fixedTrainingBatch(8, b), out);
        HuvrModel inContext = HuvrModel.read(new ByteArrayInputStream(withContext));
        assertTrue(inContext.codesInContext());
        assertEquals(loaded.operatingPoints(), inContext.operatingPoints());
        assertThrows(IllegalArgumentException.class,
                () -> ContextTableFit.addTo(withContext, 1, b -> sampler.fixedTrainingBatch(8, b), out));

        // Context tables for some operating points only, or of another type: a clear error naming the tensor.
        ModelFile file = ModelFileReader.read(new ByteArrayInputStream(withContext));
        for (String name : List.of("entropy.op0.patch.context", "entropy.op1.patch.context")) {
            List<Tensor> partial = file.tensors().values().stream().filter(t -> !t.name().equals(name)).toList();
            byte[] lacking = ModelFileWriter.toBytes(file.header(), partial);
            IOException e = assertThrows(IOException.class, () -> HuvrModel.read(new ByteArrayInputStream(lacking)));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        List<Tensor> floats = file.tensors().values().stream()
                .map(t -> t.name().equals("entropy.op1.patch.context")
                        ? Tensor.ofFloats(t.name(), new int[] {2}, new float[] {1, 2}) : t).toList();
        byte[] wrongType = ModelFileWriter.toBytes(file.header(), floats);
        IOException e = assertThrows(IOException.class, () -> HuvrModel.read(new ByteArrayInputStream(wrongType)));
        assertTrue(e.getMessage().contains("not INT32"), e.getMessage());
    }

    @Test
    void refusesToResumeACheckpointOfAnotherSize() throws IOException {
        Path photos = TrainingPhotos.write(dir.resolve("photos"), 96, 80);
        Path checkpoint = dir.resolve("tiny.sd");
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);
        new Trainer(new Trainer.Options(TinyModels.TINY, photos, checkpoint, 2, 2, 1e-3, 100, 2, 1), out).run();
        HuvrConfig widerTokens = new HuvrConfig(4, 16, 32, 1, 2, 64, 8, 32, 1, 64, 2, 16, 16, 2);
        Trainer other = new Trainer(new Trainer.Options(widerTokens, photos, checkpoint, 4, 2, 1e-3, 100, 2, 1), out);
        IOException refused = assertThrows(IOException.class, other::run);
        assertTrue(refused.getMessage().matches("checkpoint .* is of another model size: .* has shape \\[(32, )?4], "
                + "this configuration needs \\[(32, )?8]"), refused.getMessage());

        Path deeper = dir.resolve("deeper.sd");
        HuvrConfig deeperDecoder = new HuvrConfig(4, 16, 32, 1, 2, 64, 4, 32, 2, 64, 2, 16, 16, 2);
        new Trainer(new Trainer.Options(deeperDecoder, photos, deeper, 2, 2, 1e-3, 100, 2, 1), out).run();
        Trainer shallower = new Trainer(new Trainer.Options(TinyModels.TINY, photos, deeper, 4, 2, 1e-3, 100, 2, 1), out);
        IOException extra = assertThrows(IOException.class, shallower::run);
        assertTrue(extra.getMessage().contains("it has dec.block1."), extra.getMessage());
    }

    /** The head refinement trains: its last convolution starts at zero (the identity) and leaves it. */
    @Test
    void trainsTheHeadRefinement() throws IOException {
        Path photos = TrainingPhotos.write(dir.resolve("photos"), 96, 80);
        HuvrConfig refined = new HuvrConfig(4, 16, 32, 1, 2, 64, 4, 32, 1, 64, 2, 16, 16, 2, 8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);
        SameDiff initial = HuvrGraph.training(refined, 1).sd();
        assertEquals(0.0, initial.getVariable("head.refine2.w").getArr().norm2Number().doubleValue());
        SameDiff trained = new Trainer(new Trainer.Options(refined, photos, dir.resolve("refined.sd"), 2, 2, 1e-3, 100, 2, 1),
                out).run();
        assertTrue(trained.getVariable("head.refine2.w").getArr().norm2Number().doubleValue() > 0);
    }
}
