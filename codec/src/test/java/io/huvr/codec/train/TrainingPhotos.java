package io.huvr.codec.train;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A training folder for tests: just enough crops of a real photo for one held-out photo. */
public final class TrainingPhotos {
    private TrainingPhotos() {
    }

    /** Writes {@link CropSampler#HOLDOUT_EVERY} overlapping {@code width x height} crops of the Hubble photo. */
    public static Path write(Path folder, int width, int height) throws IOException {
        Files.createDirectories(folder);
        BufferedImage source = ImageIO.read(Path.of("src/test/resources/photos/hubble_320x256.png").toFile());
        for (int i = 0; i < CropSampler.HOLDOUT_EVERY; i++) {
            ImageIO.write(source.getSubimage(i * 20, i * 10, width, height), "png",
                    folder.resolve("p" + i + ".png").toFile());
        }
        return folder;
    }
}
