package io.huvr.codec.cli;

import io.huvr.codec.image.Images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes outputs through a temporary file and an atomic rename, so a failure never leaves a partial file. */
final class OutputFiles {
    private OutputFiles() {
    }

    interface Writer {
        void write(Path file) throws IOException;
    }

    static void atomically(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            writer.write(tmp);
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                // Temporary files are owner-only; an output file gets the usual rw-r--r--.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void writeBytes(Path target, byte[] bytes) throws IOException {
        atomically(target, tmp -> Files.write(tmp, bytes));
    }

    static void writePng(Path target, BufferedImage image) throws IOException {
        atomically(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                Images.writePng(image, out);
            }
        });
    }
}
