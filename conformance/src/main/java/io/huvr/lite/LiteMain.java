package io.huvr.lite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code huvr-lite MODEL.huvrm IN.huvr OUT.png [--16bit]}: decodes with huvr-lite. Exit codes follow
 * the conformance runner's process contract: 0 decoded, 1 the bitstream or model was rejected,
 * 2 usage error. On failure no output file is left behind.
 */
public final class LiteMain {
    private LiteMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length < 3 || args.length > 4 || args.length == 4 && !args[3].equals("--16bit")) {
            System.err.println("usage: huvr-lite MODEL.huvrm IN.huvr OUT.png [--16bit]");
            return 2;
        }
        Path out = Path.of(args[2]);
        try {
            LiteDecoder decoder = new LiteDecoder(LiteModel.load(Path.of(args[0])));
            Rendered rendered = decoder.decode(Files.readAllBytes(Path.of(args[1])));
            PngFiles.write(rendered, args.length == 4 ? 16 : 8, out);
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("huvr-lite: " + e.getMessage());
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // The decode error is the one worth reporting.
            }
            return 1;
        }
    }
}
