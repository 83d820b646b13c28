package io.huvr.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An image to publish to the raw topic: its id (the record key, and the gateway's archive id) and its encoded
 * file bytes (PNG, JPEG, BMP or GIF).
 */
public record SourceImage(String id, byte[] bytes) {
    /** The photos bundled with the codec, by name. */
    public static final List<String> SAMPLE_NAMES = List.of("chelsea", "coffee");
    private static final String SAMPLE_RESOURCE_FOLDER = "/io/huvr/codec/samples/";
    private static final Pattern IMAGE_FILE = Pattern.compile("(?i).+\\.(png|jpe?g|bmp|gif)");
    /** The gateway's archive ids: letters, digits, '-' and '_', starting with a letter or digit. */
    private static final Pattern NOT_ID_CHARACTERS = Pattern.compile("[^A-Za-z0-9_-]");
    private static final int MAX_ID_LENGTH = 128;

    /** The codec's bundled sample photos. */
    public static List<SourceImage> samples() throws IOException {
        List<SourceImage> samples = new ArrayList<>();
        for (String name : SAMPLE_NAMES) {
            try (InputStream in = SourceImage.class.getResourceAsStream(SAMPLE_RESOURCE_FOLDER + name + ".png")) {
                if (in == null) {
                    throw new IOException("sample photo " + name + ".png is not on the class path");
                }
                samples.add(new SourceImage(name, in.readAllBytes()));
            }
        }
        return samples;
    }

    /** The image files directly in {@code folder}, each keyed by its file name without extension. */
    public static List<SourceImage> inFolder(Path folder) throws IOException {
        List<SourceImage> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && IMAGE_FILE.matcher(name).matches()) {
                    images.add(new SourceImage(idOf(name), Files.readAllBytes(file)));
                }
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no PNG, JPEG, BMP or GIF file in " + folder);
        }
        return images;
    }

    /** A valid archive id from a file name: extension dropped, other characters replaced by '_'. */
    static String idOf(String fileName) {
        String base = fileName.substring(0, fileName.lastIndexOf('.'));
        String id = NOT_ID_CHARACTERS.matcher(base).replaceAll("_").toLowerCase(Locale.ROOT);
        if (id.startsWith("_") || id.startsWith("-")) {
            id = "i" + id;
        }
        return id.length() > MAX_ID_LENGTH ? id.substring(0, MAX_ID_LENGTH) : id;
    }
}
