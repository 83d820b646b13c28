package io.huvr.codec.imageio;

import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An {@link InputStream} view of an {@link ImageInputStream}, for the format-spec reader. */
final class ImageStreams {
    private ImageStreams() {
    }

    static InputStream asInputStream(ImageInputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return in.read(buffer, offset, length);
            }
        };
    }
}
