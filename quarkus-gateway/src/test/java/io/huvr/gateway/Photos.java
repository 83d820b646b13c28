package io.huvr.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The test photos (see photos/SOURCES.tsv). */
final class Photos {
    /** 320x256 PNG. */
    static final String HUBBLE = "photos/hubble_320x256.png";
    /** 200x190 PNG. */
    static final String IHC = "photos/ihc_200x190.png";

    private Photos() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Photos.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
