package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The committed vectors match the generator, and every vector meets its manifest line. */
class VectorsTest {

    private static final Path DIRECTORY = Path.of(System.getProperty("basedir", ".")).resolve("vectors");

    @BeforeAll
    static void regenerateOnRequest() throws IOException {
        if (Boolean.getBoolean("huvr.regenerateVectors")) {
            VectorGenerator.write(DIRECTORY);
        }
    }

    @Test
    void committedVectorsMatchTheGenerator() throws IOException {
        List<VectorGenerator.Vector> vectors = VectorGenerator.vectors();
        for (VectorGenerator.Vector vector : vectors) {
            assertArrayEquals(vector.bytes(), Files.readAllBytes(DIRECTORY.resolve(vector.file())),
                    vector.file() + " differs from the generator; regenerate with -Dhuvr.regenerateVectors=true");
        }
        assertEquals(VectorGenerator.manifest(vectors), Files.readString(DIRECTORY.resolve(VectorGenerator.MANIFEST)));
    }

    @Test
    void everyVectorFileIsInTheManifest() throws IOException {
        Set<String> listed = manifestRows().map(row -> row[0]).collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            Set<String> present = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".huvr") || name.endsWith(".huvrm"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(listed, present);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVectorMeetsItsManifestExpectation() throws IOException {
        return manifestRows().map(row -> DynamicTest.dynamicTest(row[0] + " -> " + row[1], () -> {
            Path file = DIRECTORY.resolve(row[0]);
            if (VectorGenerator.VALID.equals(row[1])) {
                assertDoesNotThrow(() -> read(file));
            } else {
                HuvrFormatException thrown = assertThrows(HuvrFormatException.class, () -> read(file));
                assertEquals(row[1], thrown.reason().name(), thrown.getMessage());
            }
        }));
    }

    private static void read(Path file) throws IOException {
        if (file.toString().endsWith(".huvrm")) {
            ModelFileReader.read(file);
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                HuvrReader.read(in);
            }
        }
    }

    /** The manifest's rows after its header line, split into file, expectation and description. */
    private static Stream<String[]> manifestRows() throws IOException {
        return Files.readAllLines(DIRECTORY.resolve(VectorGenerator.MANIFEST), StandardCharsets.UTF_8).stream()
                .skip(1).map(line -> line.split("\t", 3));
    }
}
