package io.huvr.gateway;

/** Media types of the gateway's API. */
public final class HuvrMediaTypes {
    /** A {@code .huvr} bitstream. */
    public static final String HUVR = "application/x-huvr";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";

    private HuvrMediaTypes() {
    }
}
