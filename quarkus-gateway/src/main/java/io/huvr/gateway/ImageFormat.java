package io.huvr.gateway;

import io.huvr.codec.image.Images;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.core.MediaType;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The formats decoded images are served in, chosen from the request's {@code Accept} header. */
public enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpeg");

    private final MediaType mediaType;
    private final String imageIoName;

    ImageFormat(String mediaType, String imageIoName) {
        this.mediaType = MediaType.valueOf(mediaType);
        this.imageIoName = imageIoName;
    }

    public String mediaType() {
        return mediaType.toString();
    }

    /**
     * The first format the client accepts, in its order of preference; PNG when it accepts anything.
     *
     * @throws NotAcceptableException (406) when it accepts neither format
     */
    public static ImageFormat negotiate(List<MediaType> acceptable) {
        for (MediaType accepted : acceptable) {
            for (ImageFormat format : values()) {
                if (accepted.isCompatible(format.mediaType)) {
                    return format;
                }
            }
        }
        throw new NotAcceptableException("images are served as image/png or image/jpeg");
    }

    /** The image encoded in this format, with its ICC profile if it has one (JPEG's writer adds it itself). */
    public byte[] write(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (this == PNG) {
                Images.writePng(image, out);
            } else if (!ImageIO.write(image, imageIoName, out)) {
                throw new IllegalStateException("ImageIO has no writer for " + imageIoName);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
