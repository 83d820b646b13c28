package io.huvr.bench;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.model.HuvrModel;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/** One codec under measurement: huvr with the built-in model, or one of the JDK's own ImageIO plugins. */
public interface ImageCodec {
    /** The JPEG anchor's quality, ImageIO's 0..1 scale. */
    float JPEG_QUALITY = 0.85f;

    byte[] encode(BufferedImage image) throws IOException;

    BufferedImage decode(byte[] encoded) throws IOException;

    /** {@code huvr} (effort 0, default quality, built-in model), {@code jpeg} or {@code png}. */
    static ImageCodec named(String name) throws IOException {
        return switch (name) {
            case "huvr" -> new Huvr(HuvrModel.loadDefault());
            case "jpeg" -> new JdkImageIo("jpeg", JPEG_QUALITY);
            case "png" -> new JdkImageIo("png", null);
            default -> throw new IllegalArgumentException("unknown codec " + name + "; expected huvr, jpeg or png");
        };
    }

    /** huvr at encoder effort 0 and the default quality. */
    final class Huvr implements ImageCodec {
        private final HuvrEncoder encoder;
        private final HuvrDecoder decoder;

        public Huvr(HuvrModel model) {
            this.encoder = new HuvrEncoder(model);
            this.decoder = new HuvrDecoder(model);
        }

        @Override
        public byte[] encode(BufferedImage image) throws IOException {
            return encoder.encode(image, EncodeOptions.defaults());
        }

        @Override
        public BufferedImage decode(byte[] encoded) throws IOException {
            return decoder.decode(encoded);
        }
    }

    /**
     * The JDK's own ImageIO reader and writer of a format, in memory. Other plugins on the class path (TwelveMonkeys
     * registers a JPEG reader and writer) are passed over, so the anchor is the same on every JDK 17 machine.
     */
    final class JdkImageIo implements ImageCodec {
        private final ImageWriter writer;
        private final ImageReader reader;
        private final ImageWriteParam param;

        JdkImageIo(String format, Float quality) {
            this.writer = jdkPlugin(ImageIO.getImageWritersByFormatName(format), format);
            this.reader = jdkPlugin(ImageIO.getImageReadersByFormatName(format), format);
            this.param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
        }

        @Override
        public byte[] encode(BufferedImage image) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return bytes.toByteArray();
        }

        @Override
        public BufferedImage decode(byte[] encoded) throws IOException {
            try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
                reader.setInput(in, true, true);
                return reader.read(0);
            }
        }

        private static <T> T jdkPlugin(Iterator<T> plugins, String format) {
            while (plugins.hasNext()) {
                T plugin = plugins.next();
                if (plugin.getClass().getName().startsWith("com.sun.imageio.plugins.")) {
                    return plugin;
                }
            }
            throw new IllegalStateException("this JDK has no ImageIO plugin of its own for " + format);
        }
    }
}
