package io.huvr.gateway;

import io.huvr.format.HuvrReader;
import io.huvr.format.proto.ImageHeader;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The archive: a directory of {@code <id>.huvr} files. Images are write-once, so everything served for an
 * id is immutable and can be cached forever; a second store of different content under an id is refused.
 */
@ApplicationScoped
public class ImageArchive {
    /** Ids are plain names: no dots, slashes or escapes can reach outside the directory. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final String SUFFIX = ".huvr";

    private final Path dir;

    public ImageArchive(GatewayConfig config) throws IOException {
        this.dir = Files.createDirectories(config.archive().dir());
    }

    /** A stored bitstream and the SHA-256 of its bytes (lowercase hex). */
    public record StoredImage(String id, byte[] bitstream, String sha256) {
    }

    /** A stored bitstream's header and length in bytes, read without its payload. */
    public record StoredHeader(String id, ImageHeader header, long bytes) {
    }

    /** Whether a new store created the image or found the same bytes already there. */
    public enum StoreOutcome { CREATED, UNCHANGED }

    /** @throws ProblemException 400 when the id is not a valid archive id */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ProblemException.badRequest("invalid-id",
                    "image ids are 1 to 128 letters, digits, '-' or '_', starting with a letter or digit");
        }
        return id;
    }

    public Optional<StoredImage> find(String id) {
        try {
            byte[] bitstream = Files.readAllBytes(file(id));
            return Optional.of(new StoredImage(id, bitstream, Sha256.hex(bitstream)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header of an image listed by {@link #ids}; only the prelude and header are read. */
    public StoredHeader header(String id) throws IOException {
        Path file = file(id);
        try (InputStream in = Files.newInputStream(file)) {
            return new StoredHeader(id, HuvrReader.readHeader(in), Files.size(file));
        }
    }

    /**
     * Stores a bitstream under an id, atomically: readers see the whole file or none.
     *
     * @throws ProblemException 409 when the id already holds different content
     */
    public StoreOutcome store(String id, byte[] bitstream) throws IOException {
        Path target = file(id);
        Path temporary = Files.createTempFile(dir, ".incoming-", ".tmp");
        try {
            Files.write(temporary, bitstream);
            // A hard link is created only if the name is free: two concurrent stores cannot overwrite each other.
            Files.createLink(target, temporary);
            return StoreOutcome.CREATED;
        } catch (FileAlreadyExistsException e) {
            if (MessageDigest.isEqual(Files.readAllBytes(target), bitstream)) {
                return StoreOutcome.UNCHANGED;
            }
            throw new ProblemException(409, "image-exists", "image " + id + " already exists with other content");
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Ids in the archive, sorted, at most {@code limit} of them. */
    public List<String> ids(int limit) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .filter(name -> ID.matcher(name).matches())
                    .sorted()
                    .limit(limit)
                    .toList();
        }
    }

    private Path file(String id) {
        return dir.resolve(checkId(id) + SUFFIX);
    }
}
