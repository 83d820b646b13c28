package io.huvr.format;

import io.huvr.format.HuvrFormatException.Reason;
import io.huvr.format.proto.AlphaCoding;
import io.huvr.format.proto.ColorModel;
import io.huvr.format.proto.EntropyCoder;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.Quantization;
import io.huvr.format.proto.TokenLayout;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The header rules of SPEC.md, section "Image header", shared by {@link HuvrReader} and {@link HuvrWriter}.
 * Checks run in the order of the rejection table, so the first broken rule is the one reported.
 */
public final class HeaderValidator {

    private HeaderValidator() {
    }

    /** Throws the first rule {@code header} breaks, if any. */
    public static void validate(ImageHeader header) throws HuvrFormatException {
        long width = Integer.toUnsignedLong(header.getWidth());
        long height = Integer.toUnsignedLong(header.getHeight());
        if (width < 1 || width > Limits.MAX_DIMENSION || height < 1 || height > Limits.MAX_DIMENSION) {
            throw new HuvrFormatException(Reason.INVALID_DIMENSIONS,
                    "image is " + width + "x" + height + ", each side must be 1.." + Limits.MAX_DIMENSION);
        }
        if (width * height > Limits.MAX_PIXELS) {
            throw new HuvrFormatException(Reason.TOO_MANY_PIXELS,
                    "image has " + width * height + " pixels, the limit is " + Limits.MAX_PIXELS);
        }
        checkColor(header);
        if (header.getModelSha256().size() != 32) {
            throw new HuvrFormatException(Reason.INVALID_MODEL_HASH,
                    "model_sha256 has " + header.getModelSha256().size() + " bytes, SHA-256 has 32");
        }
        checkLayout(header.hasLayout() ? header.getLayout() : null, width, height);
        checkQuantization(header.hasQuantization() ? header.getQuantization() : null);
        if (header.getEntropyCoder() != EntropyCoder.RANS && header.getEntropyCoder() != EntropyCoder.ZSTD) {
            throw new HuvrFormatException(Reason.UNKNOWN_ENTROPY_CODER,
                    "entropy coder " + header.getEntropyCoderValue() + " is not RANS or ZSTD");
        }
        long orientation = Integer.toUnsignedLong(header.getOrientation());
        if (orientation > 8) {
            throw new HuvrFormatException(Reason.INVALID_ORIENTATION, "orientation " + orientation + " is not 0..8");
        }
        if (header.getIccProfile().size() > Limits.MAX_ICC_PROFILE_BYTES) {
            throw new HuvrFormatException(Reason.ICC_PROFILE_TOO_LARGE, "ICC profile of "
                    + header.getIccProfile().size() + " bytes, the limit is " + Limits.MAX_ICC_PROFILE_BYTES);
        }
        checkMetadata(header.getMetadataMap());
    }

    /** The number of TILE chunks a valid header requires. */
    static int tileCount(ImageHeader header) {
        return header.getLayout().getTilesX() * header.getLayout().getTilesY();
    }

    private static void checkColor(ImageHeader header) throws HuvrFormatException {
        ColorModel color = header.getColorModel();
        if (color == ColorModel.COLOR_MODEL_UNSPECIFIED || color == ColorModel.UNRECOGNIZED) {
            throw new HuvrFormatException(Reason.INVALID_COLOR_MODEL,
                    "colour model " + header.getColorModelValue() + " is not RGB, GREY, RGBA or GREY_ALPHA");
        }
        if (header.getBitDepth() != 8 && header.getBitDepth() != 16) {
            throw new HuvrFormatException(Reason.INVALID_BIT_DEPTH,
                    "bit depth " + Integer.toUnsignedString(header.getBitDepth()) + " is not 8 or 16");
        }
        boolean colorHasAlpha = color == ColorModel.RGBA || color == ColorModel.GREY_ALPHA;
        AlphaCoding alpha = header.getAlphaCoding();
        if (alpha == AlphaCoding.UNRECOGNIZED || colorHasAlpha != (alpha != AlphaCoding.ALPHA_NONE)) {
            throw new HuvrFormatException(Reason.INVALID_ALPHA_CODING, "alpha coding " + header.getAlphaCodingValue()
                    + " does not fit colour model " + color + " (alpha models need ALPHA_ZSTD_LOSSLESS, others ALPHA_NONE)");
        }
    }

    private static void checkLayout(TokenLayout layout, long width, long height) throws HuvrFormatException {
        if (layout == null) {
            throw new HuvrFormatException(Reason.INVALID_LAYOUT, "the header has no layout");
        }
        long patch = Integer.toUnsignedLong(layout.getPatchSize());
        long tile = Integer.toUnsignedLong(layout.getTileSize());
        if (patch < 1 || patch > Limits.MAX_PATCH_SIZE) {
            throw invalidLayout("patch_size " + patch + " is not 1.." + Limits.MAX_PATCH_SIZE);
        }
        if (tile < patch || tile > Limits.MAX_TILE_SIZE || tile % patch != 0) {
            throw invalidLayout("tile_size " + tile + " is not a multiple of patch_size " + patch + " up to " + Limits.MAX_TILE_SIZE);
        }
        long tilesX = Integer.toUnsignedLong(layout.getTilesX());
        long tilesY = Integer.toUnsignedLong(layout.getTilesY());
        if (tilesX != ceilDiv(width, tile) || tilesY != ceilDiv(height, tile)) {
            throw invalidLayout("tiles " + tilesX + "x" + tilesY + " do not cover " + width + "x" + height
                    + " with tile_size " + tile + " (expected " + ceilDiv(width, tile) + "x" + ceilDiv(height, tile) + ")");
        }
        if (tilesX * tilesY > Limits.MAX_TILES) {
            throw invalidLayout(tilesX * tilesY + " tiles, the limit is " + Limits.MAX_TILES);
        }
        checkTokenDim("patch_token_dim", layout.getPatchTokenDim());
        checkTokenDim("global_token_dim", layout.getGlobalTokenDim());
    }

    private static void checkTokenDim(String field, int dim) throws HuvrFormatException {
        long value = Integer.toUnsignedLong(dim);
        if (value < 1 || value > Limits.MAX_TOKEN_DIM) {
            throw invalidLayout(field + " " + value + " is not 1.." + Limits.MAX_TOKEN_DIM);
        }
    }

    private static HuvrFormatException invalidLayout(String detail) {
        return new HuvrFormatException(Reason.INVALID_LAYOUT, detail);
    }

    private static void checkQuantization(Quantization quantization) throws HuvrFormatException {
        if (quantization == null) {
            throw new HuvrFormatException(Reason.INVALID_QUANTIZATION, "the header has no quantization");
        }
        long operatingPoint = Integer.toUnsignedLong(quantization.getOperatingPoint());
        if (operatingPoint >= Limits.MAX_OPERATING_POINTS) {
            throw new HuvrFormatException(Reason.INVALID_QUANTIZATION,
                    "operating point " + operatingPoint + " is not below " + Limits.MAX_OPERATING_POINTS);
        }
        float scale = quantization.getStepScale();
        if (!Float.isFinite(scale) || scale <= 0) {
            throw new HuvrFormatException(Reason.INVALID_QUANTIZATION, "step_scale " + scale + " is not finite and positive");
        }
    }

    private static void checkMetadata(Map<String, String> metadata) throws HuvrFormatException {
        if (metadata.size() > Limits.MAX_METADATA_ENTRIES) {
            throw new HuvrFormatException(Reason.METADATA_TOO_LARGE,
                    metadata.size() + " metadata entries, the limit is " + Limits.MAX_METADATA_ENTRIES);
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            long bytes = utf8Length(entry.getKey()) + utf8Length(entry.getValue());
            if (bytes > Limits.MAX_METADATA_ENTRY_BYTES) {
                throw new HuvrFormatException(Reason.METADATA_TOO_LARGE, "metadata entry " + HuvrFormatException.quote(entry.getKey())
                        + " has " + bytes + " bytes, the limit is " + Limits.MAX_METADATA_ENTRY_BYTES);
            }
        }
    }

    static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
