package io.huvr.codec.model;

import io.huvr.codec.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelWeightsTest {
    @TempDir
    Path dir;

    @Test
    void weightsRoundTripThroughAnArchive() throws IOException {
        SameDiff trained = HuvrGraph.training(TinyModels.TINY, 5).sd();
        Path npz = dir.resolve("w.npz");
        ModelWeights.write(trained, TinyModels.TINY, npz);

        ModelWeights.Weights read = ModelWeights.read(npz);
        assertEquals(TinyModels.TINY, read.config());
        SameDiff fresh = HuvrGraph.training(TinyModels.TINY, 9).sd();
        ModelWeights.assign(fresh, read);
        int compared = 0;
        for (SDVariable v : trained.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                assertEquals(v.getArr(), fresh.getVariable(v.name()).getArr(), v.name());
                compared++;
            }
        }
        assertTrue(compared > 20, compared + " parameters");
    }

    @Test
    void brokenArchivesAreRefusedWithTheReason() throws IOException {
        Map<String, byte[]> valid = entries(validArchive());
        assertRefused(valid, m -> m, null, "a valid archive");
        assertRefused(valid, m -> without(m, "inr.l1.w.npy"), "lack inr.l1.w", "a missing weight");
        assertRefused(valid, m -> without(m, "config.token_dim.npy"), "lacks hyper-parameter token_dim", "missing config");
        assertRefused(valid, m -> with(m, "inr.l1.w.npy", npy("<f4", "False", "(3, 5)", new byte[60])),
                "has shape [3, 5]", "a misshapen weight");
        assertRefused(valid, m -> with(m, "inr.l1.w.npy", npy("<f8", "False", "(16, 16)", new byte[16 * 16 * 8])),
                "float32 or int64", "float64");
        assertRefused(valid, m -> with(m, "inr.l1.w.npy", npy("<f4", "True", "(16, 16)", new byte[16 * 16 * 4])),
                "C-order", "Fortran order");
        assertRefused(valid, m -> with(m, "inr.l1.w.npy", npy("<f4", "False", "(16, 16)", new byte[100])),
                "not the 1024", "truncated data");
        assertRefused(valid, m -> with(m, "inr.l1.w.npy", npy("<f4", "False", "(99999999999, 99999999999)", new byte[4])),
                "impossible shape", "an overflowing shape");
        assertRefused(valid, m -> with(m, "inr.l1.w.npy", "not numpy".getBytes(StandardCharsets.US_ASCII)),
                "is not a .npy array", "not .npy");
        assertRefused(valid, m -> with(m, "config.token_dim.npy", npy("<i8", "False", "(1,)", longBytes(0))),
                "token_dim = 0 is out of range", "a zero size");
        assertRefused(valid, m -> with(m, "config.encoder_width.npy", npy("<i8", "False", "(1,)", longBytes(60000))),
                "the hyper-parameters need enc.patch_embed.w of shape [48, 60000]", "sizes beyond the tensors");
        assertRefused(valid, m -> with(m, "config.head_refine_width.npy", npy("<i8", "False", "(1,)", longBytes(60000))),
                "the hyper-parameters need head.refine1.w of shape [3, 3, 60000, 60000]", "a refinement beyond the tensors");
        byte[] version2 = new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2};
        assertRefused(valid, m -> with(m, "inr.l1.w.npy", version2), "truncated header", "a huge version-2 header length");
        Path notZip = Files.write(dir.resolve("not.npz"), "plain text, not an archive".getBytes(StandardCharsets.US_ASCII));
        assertThrows(IOException.class, () -> ModelWeights.assign(HuvrGraph.training(TinyModels.TINY, 1).sd(),
                ModelWeights.read(notZip)));
    }

    @Test
    void mutatedArchivesFailOnlyWithIoException() throws IOException {
        byte[] valid = validArchive();
        SplittableRandom random = new SplittableRandom(3);
        SameDiff graph = HuvrGraph.training(TinyModels.TINY, 1).sd();
        Path file = dir.resolve("fuzz.npz");
        int refused = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] mutated = valid.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            Files.write(file, mutated);
            try {
                ModelWeights.assign(graph, ModelWeights.read(file));
            } catch (IOException expected) {
                refused++;
            }
        }
        assertTrue(refused > 0, "some mutations are refused");
    }

    private void assertRefused(Map<String, byte[]> valid, UnaryOperator<Map<String, byte[]>> change, String reason,
                               String what) throws IOException {
        Path file = dir.resolve("case.npz");
        Files.write(file, zip(change.apply(new LinkedHashMap<>(valid))));
        SameDiff graph = HuvrGraph.training(TinyModels.TINY, 1).sd();
        if (reason == null) {
            ModelWeights.assign(graph, ModelWeights.read(file));
            return;
        }
        IOException e = assertThrows(IOException.class, () -> ModelWeights.assign(graph, ModelWeights.read(file)), what);
        assertTrue(e.getMessage().contains(reason), what + ": " + e.getMessage());
    }

    private byte[] validArchive() throws IOException {
        Path npz = dir.resolve("valid.npz");
        ModelWeights.write(HuvrGraph.training(TinyModels.TINY, 5).sd(), TinyModels.TINY, npz);
        return Files.readAllBytes(npz);
    }

    private static Map<String, byte[]> with(Map<String, byte[]> m, String name, byte[] bytes) {
        m.put(name, bytes);
        return m;
    }

    private static Map<String, byte[]> without(Map<String, byte[]> m, String name) {
        m.remove(name);
        return m;
    }

    /** A version-1 .npy file with the given header fields and data. */
    private static byte[] npy(String descr, String fortran, String shape, byte[] data) {
        String header = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
            (byte) header.length(), (byte) (header.length() >> 8)});
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] longBytes(long value) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
