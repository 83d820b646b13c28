package io.huvr.codec.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/** The validation curve of a training run, one CSV row per validation, kept beside the checkpoint. */
final class TrainingLog {
    static final String HEADER = "step,seconds,loss_s1,psnr_s2,bpp_s2,psnr_s1,bpp_s1,psnr_s05,bpp_s05";

    private final Path file;

    TrainingLog(Path file) {
        this.file = file;
    }

    /** The step of the last row, 0 for a new log. */
    int lastStep() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file);
        String last = lines.get(lines.size() - 1);
        return last.startsWith("step") ? 0 : Integer.parseInt(last.substring(0, last.indexOf(',')));
    }

    /** One validation row; {@code loss_s1} is the training objective at step scale 1: {@code bpp + lambda mse}. */
    void append(int step, double seconds, double lambda, double[] low, double[] mid, double[] high) {
        double mseAtScale1 = 4 / Math.pow(10, mid[0] / 10);
        double loss = mid[1] + lambda * mseAtScale1;
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER + "\n");
            }
            Files.writeString(file, String.format(Locale.ROOT, "%d,%.1f,%.5f,%.3f,%.4f,%.3f,%.4f,%.3f,%.4f%n", step,
                    seconds, loss, low[0], low[1], mid[0], mid[1], high[0], high[1]), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot append to " + file, e);
        }
    }
}
