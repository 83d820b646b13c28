package io.huvr.codec.imageio;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.model.HuvrModel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one model the ImageIO plugin codes with: the file named by the system property {@value #MODEL_PROPERTY}
 * if set, else the built-in model. Loaded on first use (loading costs seconds and tens of megabytes, so
 * registering the plugin must not), then shared by every reader and writer of the JVM.
 */
final class SharedCodec {
    /** System property naming a {@code .huvrm} model file to use instead of the built-in one. */
    static final String MODEL_PROPERTY = "huvr.model";

    private static volatile SharedCodec instance;

    final HuvrEncoder encoder;
    final HuvrDecoder decoder;

    private SharedCodec(HuvrModel model) {
        this.encoder = new HuvrEncoder(model);
        this.decoder = new HuvrDecoder(model);
    }

    static SharedCodec get() throws IOException {
        SharedCodec codec = instance;
        if (codec == null) {
            synchronized (SharedCodec.class) {
                codec = instance;
                if (codec == null) {
                    codec = new SharedCodec(load(System.getProperty(MODEL_PROPERTY)));
                    instance = codec;
                }
            }
        }
        return codec;
    }

    /** The model a value of {@value #MODEL_PROPERTY} names; null or blank means the built-in one. */
    static HuvrModel load(String modelFile) throws IOException {
        return modelFile == null || modelFile.isBlank() ? HuvrModel.loadDefault() : HuvrModel.load(Path.of(modelFile));
    }
}
