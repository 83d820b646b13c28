package io.huvr.conformance;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code manifest.json} of a vector directory. Paths are relative to the directory.
 *
 * @param model        the model file every vector is coded for
 * @param modelSha256  its SHA-256, lowercase hex
 * @param reference    how the reference outputs are stored
 * @param valid        bitstreams every conforming decoder decodes within the tolerance
 * @param invalid      bitstreams every conforming decoder rejects
 */
public record Manifest(String model, String modelSha256, String reference, List<ValidVector> valid,
                       List<InvalidVector> invalid) {
    public static final String FILE_NAME = "manifest.json";

    /** How {@link ValidVector#reference()} files store the reference decoder's output. */
    public static final String REFERENCE_FORMAT = "16-bit PNG in the vector's colour model. RGB: sample = "
            + "round((v + 1) * 32767.5) clipped to 0..65535, v the reference decoder's output before rounding; v in "
            + "8-bit units is sample / 257. Grey (the luma of the rounded RGB, codec/MODEL.md) and alpha: the exact "
            + "8-bit sample times 257";

    /**
     * @param file      the bitstream
     * @param original  the image it was encoded from (for the quality report)
     * @param reference the reference decoder's output
     * @param exercises what the vector covers
     */
    public record ValidVector(String file, String original, String reference, String exercises, int width,
                              int height) {
    }

    /**
     * @param file      the bitstream
     * @param rejection the reason: a SPEC.md reason code for container errors, else a codec-level name
     * @param description what is wrong with it
     */
    public record InvalidVector(String file, String rejection, String description) {
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public static Manifest read(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        try {
            Manifest manifest = GSON.fromJson(Files.readString(file), Manifest.class);
            if (manifest == null || manifest.valid() == null || manifest.invalid() == null || manifest.model() == null) {
                throw new IOException(file + " lacks model, valid or invalid");
            }
            return manifest;
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a vector manifest: " + e.getMessage(), e);
        }
    }

    public void write(Path directory) throws IOException {
        Files.writeString(directory.resolve(FILE_NAME), GSON.toJson(this) + "\n");
    }
}
