package io.huvr.gateway;

import io.huvr.format.Limits;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to render an archived image: an optional region of the full image ({@code x,y,w,h}), then an
 * optional output size. With only one of width and height, the other keeps the aspect ratio.
 */
public record RenderOptions(Integer width, Integer height, Region region) {
    private static final Pattern REGION = Pattern.compile("(\\d{1,5}),(\\d{1,5}),(\\d{1,5}),(\\d{1,5})");
    private static final int MAX_SIDE = Limits.MAX_DIMENSION;

    /** A size in pixels. */
    public record Size(int width, int height) {
    }

    /** A rectangle of the full-size image, in pixels. */
    public record Region(int x, int y, int width, int height) {
        @Override
        public String toString() {
            return x + "," + y + "," + width + "," + height;
        }
    }

    /**
     * Parses the query parameters.
     *
     * @throws ProblemException 400 when a parameter is malformed or out of range
     */
    public static RenderOptions parse(Integer width, Integer height, String region) {
        checkSide("width", width);
        checkSide("height", height);
        return new RenderOptions(width, height, region == null || region.isEmpty() ? null : parseRegion(region));
    }

    /** The size of the output for an image of the given size (the region must already fit it). */
    public Size outputSize(int imageWidth, int imageHeight) {
        int sourceWidth = region == null ? imageWidth : region.width();
        int sourceHeight = region == null ? imageHeight : region.height();
        if (width != null && height != null) {
            return new Size(width, height);
        }
        if (width != null) {
            return new Size(width, Math.max(1, (int) Math.round((double) width * sourceHeight / sourceWidth)));
        }
        if (height != null) {
            return new Size(Math.max(1, (int) Math.round((double) height * sourceWidth / sourceHeight)), height);
        }
        return new Size(sourceWidth, sourceHeight);
    }

    /** @throws ProblemException 400 when the region reaches outside an image of the given size */
    public void checkRegionFits(int imageWidth, int imageHeight) {
        if (region != null && ((long) region.x() + region.width() > imageWidth
                || (long) region.y() + region.height() > imageHeight)) {
            throw ProblemException.badRequest("invalid-parameter",
                    "region " + region + " reaches outside the " + imageWidth + "x" + imageHeight + " image");
        }
    }

    /** A canonical text of the options, part of the ETag of a rendering. */
    public String canonical() {
        return "w=" + (width == null ? "" : width) + ";h=" + (height == null ? "" : height) + ";r="
                + (region == null ? "" : region);
    }

    private static void checkSide(String name, Integer side) {
        if (side != null && (side < 1 || side > MAX_SIDE)) {
            throw ProblemException.badRequest("invalid-parameter", name + " must be 1.." + MAX_SIDE + ", got " + side);
        }
    }

    private static Region parseRegion(String text) {
        Matcher m = REGION.matcher(text);
        if (!m.matches()) {
            throw ProblemException.badRequest("invalid-parameter", "region must be x,y,w,h in pixels");
        }
        Region region = new Region(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        if (region.width() == 0 || region.height() == 0) {
            throw ProblemException.badRequest("invalid-parameter", "region must have a positive width and height");
        }
        return region;
    }
}
